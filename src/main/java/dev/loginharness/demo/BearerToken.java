package dev.loginharness.demo;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Optional;

/**
 * Finds the access token of a request to a protected resource (RFC 6750 2). Accepted: the {@code
 * Authorization: Bearer} header, or {@code access_token} in a form-encoded POST body. Refused: the
 * query string (RFC 6750 2.3 and OAuth 2.1 drop it — URLs end up in logs and Referer headers), and
 * more than one method in the same request (RFC 6750 2).
 */
final class BearerToken {
  private BearerToken() {}

  /** The token, or a {@link TokenError} saying why there is none. Reads the body of a POST. */
  static String extract(HttpExchange exchange) throws IOException {
    if (Params.parse(exchange.getRequestURI().getRawQuery()).has("access_token")) {
      throw TokenError.invalidBearerRequest("bearer tokens are not accepted in the query string");
    }
    Optional<String> fromHeader =
        fromHeader(exchange.getRequestHeaders().getFirst("Authorization"));
    Optional<String> fromBody = fromBody(exchange);
    if (fromHeader.isPresent() && fromBody.isPresent()) {
      throw TokenError.invalidBearerRequest(
          "send the access token in the header or the body, not both");
    }
    return fromHeader.or(() -> fromBody).orElseThrow(TokenError::missingToken);
  }

  private static Optional<String> fromHeader(String authorization) {
    if (authorization == null) {
      return Optional.empty();
    }
    String[] parts = authorization.trim().split("\\s+", 2);
    if (!parts[0].equalsIgnoreCase("Bearer")) {
      return Optional.empty(); // another scheme is not a bearer token; the request has none
    }
    if (parts.length != 2 || parts[1].isBlank() || parts[1].contains(" ")) {
      throw TokenError.invalidBearerRequest("malformed Authorization: Bearer header");
    }
    return Optional.of(parts[1]);
  }

  private static Optional<String> fromBody(HttpExchange exchange) throws IOException {
    if (!exchange.getRequestMethod().equals("POST") || !Responses.isForm(exchange)) {
      return Optional.empty();
    }
    String body = Responses.readBody(exchange);
    if (body == null) {
      throw TokenError.invalidBearerRequest("request body too large");
    }
    return Params.parse(body).optional("access_token");
  }
}
