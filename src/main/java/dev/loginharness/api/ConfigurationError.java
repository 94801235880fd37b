package dev.loginharness.api;

/** The profile, a setting, an environment variable or the token store is wrong. */
public final class ConfigurationError extends HarnessException {
  ConfigurationError(String message, Throwable cause) {
    super(message, cause);
  }
}
