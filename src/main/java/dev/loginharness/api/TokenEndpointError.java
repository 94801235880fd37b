package dev.loginharness.api;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The token, revocation or check endpoint refused or could not be reached. {@link #temporary()}
 * tells a failure worth retrying later (5xx, 429, no answer) from the provider's verdict.
 */
public final class TokenEndpointError extends HarnessException {
  private final String error;
  private final String description;
  private final int httpStatus;
  private final boolean temporary;

  TokenEndpointError(
      String message,
      Throwable cause,
      String error,
      String description,
      int httpStatus,
      boolean temporary) {
    super(message, cause);
    this.error = error;
    this.description = description;
    this.httpStatus = httpStatus;
    this.temporary = temporary;
  }

  /**
   * The OAuth {@code error} code the endpoint answered ({@code invalid_grant}, {@code
   * invalid_client}…; RFC 6749 §5.2), printable ASCII and at most 64 characters; empty when the
   * answer was no OAuth error (an HTML page, a 5xx, no answer at all).
   */
  public Optional<String> error() {
    return Optional.ofNullable(error);
  }

  /**
   * The provider's {@code error_description}, as it appears in the message: control characters
   * escaped, cut after 200 characters, any value sent in the request removed.
   */
  public Optional<String> errorDescription() {
    return Optional.ofNullable(description);
  }

  /** The HTTP status of the answer; empty when none arrived (refused, dropped, timed out). */
  public OptionalInt httpStatus() {
    return httpStatus == 0 ? OptionalInt.empty() : OptionalInt.of(httpStatus);
  }

  /** A 5xx, a 429, or no answer: the same request may succeed later. */
  public boolean temporary() {
    return temporary;
  }

  @Override
  public Kind kind() {
    return temporary ? Kind.TEMPORARY_FAILURE : Kind.TOKEN_ENDPOINT_REFUSED;
  }
}
