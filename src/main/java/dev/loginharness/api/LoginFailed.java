package dev.loginharness.api;

/**
 * The provider did not let the login through: credentials rejected, an error redirect, a state
 * mismatch, a timeout, or nothing stored to refresh.
 */
public final class LoginFailed extends HarnessException {
  LoginFailed(String message, Throwable cause) {
    super(message, cause);
  }
}
