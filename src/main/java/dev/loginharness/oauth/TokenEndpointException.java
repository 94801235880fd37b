package dev.loginharness.oauth;

import dev.loginharness.secret.Redact;

/**
 * The token endpoint said no, or said something unreadable. Carries the OAuth {@code error} code
 * (RFC 6749 §5.2) when there was one; the message never contains a code, token or secret.
 */
public final class TokenEndpointException extends Exception {
  private final int httpStatus;
  private final String error;

  TokenEndpointException(int httpStatus, String error, String message, Throwable cause) {
    super(Redact.url(message), cause);
    this.httpStatus = httpStatus;
    this.error = error;
  }

  static TokenEndpointException malformed(String what) {
    return new TokenEndpointException(0, "invalid_response", "token endpoint: " + what, null);
  }

  /** The same failure with every occurrence of the given values removed from the message. */
  TokenEndpointException redacted(Iterable<dev.loginharness.secret.Secret> values) {
    return new TokenEndpointException(
        httpStatus, error, dev.loginharness.secret.Redact.text(getMessage(), values), null);
  }

  /** 0 when no HTTP response arrived. */
  public int httpStatus() {
    return httpStatus;
  }

  /**
   * The OAuth error code ({@code invalid_grant}…), or a descriptive stand-in such as {@code
   * http_403}.
   */
  public String error() {
    return error;
  }
}
