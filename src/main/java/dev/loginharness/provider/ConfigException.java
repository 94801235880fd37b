package dev.loginharness.provider;

/** The user's configuration is wrong: a profile, a flag, an environment variable. Exit code 2. */
public class ConfigException extends Exception {
  public ConfigException(String message) {
    super(message);
  }
}
