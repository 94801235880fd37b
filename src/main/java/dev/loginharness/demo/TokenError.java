package dev.loginharness.demo;

import java.util.Optional;

/**
 * An OAuth error response: of the token and revocation endpoints (RFC 6749 5.2, RFC 7009 2.2.1) and
 * of the bearer-protected endpoints (RFC 6750 3.1). Descriptions name what is wrong, never the
 * offending value, because that value may be a code, token or secret.
 *
 * <p>Unchecked and without a stack trace: it is control flow inside the endpoints, caught and
 * turned into JSON by {@link JsonReplies}.
 */
final class TokenError extends RuntimeException {
  private static final String BASIC_CHALLENGE = "Basic realm=\"demo-provider\", charset=\"UTF-8\"";

  private final int status;
  private final String error;
  private final String challenge;

  private TokenError(int status, String error, String description, String challenge) {
    super(description, null, false, false);
    this.status = status;
    this.error = error;
    this.challenge = challenge;
  }

  static TokenError invalidRequest(String description) {
    return new TokenError(400, "invalid_request", description, null);
  }

  /** RFC 6749 5.2: a failed HTTP Basic attempt must be answered with a Basic challenge. */
  static TokenError invalidClient(String description, boolean triedBasic) {
    return new TokenError(401, "invalid_client", description, triedBasic ? BASIC_CHALLENGE : null);
  }

  static TokenError invalidGrant(String description) {
    return new TokenError(400, "invalid_grant", description, null);
  }

  static TokenError invalidScope(String description) {
    return new TokenError(400, "invalid_scope", description, null);
  }

  static TokenError unauthorizedClient(String description) {
    return new TokenError(400, "unauthorized_client", description, null);
  }

  static TokenError unsupportedGrantType(String description) {
    return new TokenError(400, "unsupported_grant_type", description, null);
  }

  /** RFC 6750 3.1: a malformed request to a protected resource. */
  static TokenError invalidBearerRequest(String description) {
    return new TokenError(400, "invalid_request", description, "Bearer error=\"invalid_request\"");
  }

  /** RFC 6750 3.1: the access token is unknown, revoked or expired. */
  static TokenError invalidToken(String description) {
    return new TokenError(401, "invalid_token", description, "Bearer error=\"invalid_token\"");
  }

  /** RFC 6750 3.1: no token at all gets a bare challenge; the JSON body says what is missing. */
  static TokenError missingToken() {
    return new TokenError(
        401,
        "invalid_request",
        "no access token: send Authorization: Bearer",
        "Bearer realm=\"demo-provider\"");
  }

  int status() {
    return status;
  }

  String error() {
    return error;
  }

  String description() {
    return getMessage();
  }

  /** The {@code WWW-Authenticate} value this error must carry, if any. */
  Optional<String> challenge() {
    return Optional.ofNullable(challenge);
  }
}
