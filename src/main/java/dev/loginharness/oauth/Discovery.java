package dev.loginharness.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * OpenID Connect discovery: the endpoints of an issuer, from {@code
 * <issuer>/.well-known/openid-configuration}. The document's {@code issuer} must equal the one
 * asked for (OIDC Discovery §4.3), or a look-alike host could hand out its own endpoints.
 */
public final class Discovery {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final OkHttpClient http;

  Discovery(OkHttpClient http) {
    this.http = http;
  }

  /** Uses the process-wide HTTP client of {@link TokenClient#shared()}. */
  public static Discovery shared() {
    return new Discovery(TokenClient.shared().http());
  }

  /** The endpoints an issuer announces; the optional ones may be missing from the document. */
  public record Document(
      URI issuer,
      URI authorizationEndpoint,
      URI tokenEndpoint,
      Optional<URI> userinfoEndpoint,
      Optional<URI> revocationEndpoint) {}

  /** Thrown when the document cannot be had or does not make sense. */
  public static final class DiscoveryException extends Exception {
    DiscoveryException(String message) {
      super(message);
    }
  }

  public Document fetch(URI issuer) throws DiscoveryException {
    String base = issuer.toString().replaceAll("/+$", "");
    URI url = URI.create(base + "/.well-known/openid-configuration");
    JsonNode doc;
    try (Response response =
        http.newCall(
                new Request.Builder()
                    .url(url.toString())
                    .header("Accept", "application/json")
                    .build())
            .execute()) {
      if (!response.isSuccessful()) {
        throw new DiscoveryException("OIDC discovery " + url + " answered HTTP " + response.code());
      }
      doc = JSON.readTree(response.body().string());
    } catch (IOException e) {
      throw new DiscoveryException(
          "OIDC discovery "
              + url
              + " failed: "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : " " + e.getMessage()));
    }
    String announced = doc.path("issuer").asText("").replaceAll("/+$", "");
    if (!announced.equals(base)) {
      throw new DiscoveryException(
          "OIDC discovery " + url + " announces issuer '" + announced + "', not '" + base + "'");
    }
    return new Document(
        issuer,
        required(doc, "authorization_endpoint", url),
        required(doc, "token_endpoint", url),
        optional(doc, "userinfo_endpoint"),
        optional(doc, "revocation_endpoint"));
  }

  private static URI required(JsonNode doc, String field, URI url) throws DiscoveryException {
    return optional(doc, field)
        .orElseThrow(() -> new DiscoveryException("OIDC discovery " + url + " has no " + field));
  }

  private static Optional<URI> optional(JsonNode doc, String field) {
    String value = doc.path(field).asText("");
    try {
      return value.isEmpty() ? Optional.empty() : Optional.of(URI.create(value));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
