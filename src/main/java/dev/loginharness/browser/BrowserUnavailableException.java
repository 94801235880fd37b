package dev.loginharness.browser;

/** No browser could be started or reached: missing binary, driver, Grid, or BiDi. Exit code 5. */
public class BrowserUnavailableException extends Exception {
  public BrowserUnavailableException(String message) {
    super(message);
  }

  public BrowserUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
