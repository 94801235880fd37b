package dev.loginharness.demo;

import com.sun.net.httpserver.Headers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Authenticates the client at the token endpoint (RFC 6749 2.3.1).
 *
 * <p>A confidential client uses exactly one method — HTTP Basic or {@code client_secret} in the
 * body; the RFC forbids more than one. A public client identifies itself with {@code client_id} and
 * proves possession with PKCE later. Strictness is the point: a harness whose profile says "basic"
 * but sends the secret in the body should fail here, not against the real provider.
 */
final class ClientAuthentication {
  private final ClientRegistration client;

  ClientAuthentication(ClientRegistration client) {
    this.client = client;
  }

  /** Returns the authenticated client id, or throws a {@link TokenError}. */
  String authenticate(Headers headers, Params body) {
    Optional<String> bodyId = body.optional("client_id");
    Optional<String> bodySecret = body.optional("client_secret");
    String authorization = headers.getFirst("Authorization");
    if (authorization != null) {
      return authenticateBasic(authorization, bodyId, bodySecret);
    }
    String id =
        bodyId.orElseThrow(
            () -> TokenError.invalidClient("client authentication failed: no client_id", false));
    if (!id.equals(client.id())) {
      throw TokenError.invalidClient("client authentication failed: unknown client", false);
    }
    if (client.confidential()) {
      String secret =
          bodySecret.orElseThrow(
              () ->
                  TokenError.invalidClient(
                      "client authentication failed: confidential client sent no credentials",
                      false));
      if (!client.secretMatches(secret)) {
        throw TokenError.invalidClient("client authentication failed: wrong client secret", false);
      }
    } else if (bodySecret.isPresent()) {
      throw TokenError.invalidClient(
          "client authentication failed: public client must not send a client_secret", false);
    }
    return id;
  }

  private String authenticateBasic(
      String authorization, Optional<String> bodyId, Optional<String> bodySecret) {
    if (bodySecret.isPresent()) {
      throw TokenError.invalidRequest(
          "use either HTTP Basic or client_secret in the body, not both");
    }
    Credentials credentials =
        Credentials.parseBasic(authorization)
            .orElseThrow(
                () ->
                    TokenError.invalidClient(
                        "client authentication failed: malformed HTTP Basic header", true));
    if (bodyId.isPresent() && !bodyId.get().equals(credentials.id())) {
      throw TokenError.invalidRequest("client_id in the body differs from the HTTP Basic user");
    }
    if (!client.confidential()
        || !client.id().equals(credentials.id())
        || !client.secretMatches(credentials.secret())) {
      throw TokenError.invalidClient("client authentication failed", true);
    }
    return credentials.id();
  }

  /** The decoded HTTP Basic pair. Holds a secret, so toString() hides it. */
  record Credentials(String id, String secret) {
    /**
     * RFC 6749 2.3.1: id and secret are form-urlencoded before being joined with ':' and
     * base64-encoded, so ids and secrets containing ':' survive the round trip.
     */
    static Optional<Credentials> parseBasic(String header) {
      String[] parts = header.trim().split("\\s+", 2);
      if (parts.length != 2 || !parts[0].equalsIgnoreCase("Basic")) {
        return Optional.empty();
      }
      try {
        String decoded = new String(Base64.getDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        if (colon < 0) {
          return Optional.empty();
        }
        return Optional.of(
            new Credentials(
                Params.decode(decoded.substring(0, colon)),
                Params.decode(decoded.substring(colon + 1))));
      } catch (IllegalArgumentException
          | Params.InvalidParameter e) { // bad base64 or percent-encoding
        return Optional.empty();
      }
    }

    @Override
    public String toString() {
      return "Credentials[id=" + id + ", secret=***]";
    }
  }
}
