package dev.loginharness.api;

/**
 * Why the harness could not produce a token. Sealed: a caller can switch over the five kinds.
 * Messages are one line and never contain a code, token, password or client secret.
 */
public abstract sealed class HarnessException extends Exception
    permits LoginFailed,
        ChallengeRequired,
        TokenEndpointError,
        BrowserUnavailable,
        ConfigurationError {

  HarnessException(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
