package dev.loginharness.api;

/** The token, revocation or check endpoint refused or could not be reached. */
public final class TokenEndpointError extends HarnessException {
  TokenEndpointError(String message, Throwable cause) {
    super(message, cause);
  }
}
