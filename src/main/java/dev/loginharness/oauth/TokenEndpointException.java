package dev.loginharness.oauth;

import dev.loginharness.secret.Redact;
import java.time.Duration;
import java.util.Optional;

/**
 * The token endpoint said no, or said something unreadable. Carries the OAuth {@code error} code
 * (RFC 6749 §5.2) and {@code error_description} when there were ones; the message never contains a
 * code, token or secret.
 */
public final class TokenEndpointException extends Exception {
  private final int httpStatus;
  private final String error;
  private final boolean oauthError;
  private final String description;
  private final Optional<Duration> retryAfter;

  TokenEndpointException(int httpStatus, String error, String message, Throwable cause) {
    this(httpStatus, error, false, null, message, Optional.empty(), cause);
  }

  /** An answer that was no token response, with the server's {@code Retry-After} if it sent one. */
  static TokenEndpointException answered(
      int httpStatus, String error, String message, Optional<Duration> retryAfter) {
    return new TokenEndpointException(httpStatus, error, false, null, message, retryAfter, null);
  }

  /**
   * An OAuth error response: {@code error} made printable, {@code description} quoted (escaped and
   * cut) as all provider text is, or null when the provider sent none.
   */
  static TokenEndpointException refused(
      int httpStatus, String error, String description, String message) {
    return new TokenEndpointException(
        httpStatus, error, true, description, message, Optional.empty(), null);
  }

  private TokenEndpointException(
      int httpStatus,
      String error,
      boolean oauthError,
      String description,
      String message,
      Optional<Duration> retryAfter,
      Throwable cause) {
    super(Redact.url(message), cause);
    this.httpStatus = httpStatus;
    this.error = error;
    this.oauthError = oauthError;
    this.description = description == null ? null : Redact.url(description);
    this.retryAfter = retryAfter;
  }

  static TokenEndpointException malformed(String what) {
    return new TokenEndpointException(0, "invalid_response", "token endpoint: " + what, null);
  }

  /**
   * The same failure with every occurrence of the given values removed from the message and the
   * description.
   */
  TokenEndpointException redacted(Iterable<dev.loginharness.secret.Secret> values) {
    return new TokenEndpointException(
        httpStatus,
        error,
        oauthError,
        description == null ? null : Redact.text(description, values),
        Redact.text(getMessage(), values),
        retryAfter,
        getCause());
  }

  /** The same failure, its message saying how many requests it took. */
  public TokenEndpointException afterAttempts(int attempts) {
    return new TokenEndpointException(
        httpStatus,
        error,
        oauthError,
        description,
        getMessage() + " (" + attempts + " attempts)",
        retryAfter,
        getCause());
  }

  /**
   * Worth another try with the same request: the server failed (5xx) or no answer arrived. A 4xx,
   * an OAuth error or an unusable 2xx is the provider's verdict on the request, and stays one.
   */
  public boolean retryable() {
    return httpStatus >= 500 || "network_error".equals(error);
  }

  /**
   * Worth trying again later rather than logging in again: {@link #retryable()}, or the server
   * asked for less traffic (429).
   */
  public boolean temporary() {
    return retryable() || httpStatus == 429;
  }

  /** The server's {@code Retry-After}, when it sent one. */
  public Optional<Duration> retryAfter() {
    return retryAfter;
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

  /** Whether {@link #error()} is the provider's own OAuth error code rather than a stand-in. */
  public boolean oauthError() {
    return oauthError;
  }

  /** The provider's {@code error_description}, escaped and cut; empty when it sent none. */
  public Optional<String> description() {
    return Optional.ofNullable(description);
  }
}
