package dev.loginharness.browser;

/** drivers.properties, its environment overrides or a browser flag is wrong. Exit code 2. */
public class BrowserConfigException extends Exception {
  public BrowserConfigException(String message) {
    super(message);
  }
}
