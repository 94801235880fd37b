package dev.loginharness.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /.well-known/openid-configuration} (OIDC Discovery 1.0 section 4), so a client can be
 * configured with nothing but the issuer. The document is fixed at start: it only names URLs.
 */
final class DiscoveryEndpoint implements HttpHandler {
  static final String PATH = "/.well-known/openid-configuration";

  private final String document;

  DiscoveryEndpoint(String issuer) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("issuer", issuer);
    fields.put("authorization_endpoint", issuer + "/authorize");
    fields.put("token_endpoint", issuer + "/token");
    fields.put("userinfo_endpoint", issuer + "/userinfo");
    fields.put("revocation_endpoint", issuer + "/revoke");
    fields.put("response_types_supported", List.of("code", "token"));
    fields.put(
        "grant_types_supported",
        List.of("authorization_code", "refresh_token", "client_credentials"));
    fields.put("code_challenge_methods_supported", List.of("S256"));
    fields.put(
        "token_endpoint_auth_methods_supported",
        List.of("client_secret_basic", "client_secret_post", "none"));
    fields.put("scopes_supported", List.of("openid", "profile"));
    this.document = Json.object(fields);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Responses.json(exchange, 200, document);
  }
}
