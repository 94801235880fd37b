package dev.loginharness.api;

/** The profile, a setting, an environment variable or the token store is wrong. */
public final class ConfigurationError extends HarnessException {
  /**
   * For code that supplies settings to the harness — a {@link Credentials.Source} reading a
   * password from a vault, say — and must report that one is missing. The message is shown as it
   * is: it must not contain the secret itself.
   */
  public ConfigurationError(String message) {
    super(message, null);
  }

  ConfigurationError(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public Kind kind() {
    return Kind.CONFIGURATION;
  }
}
