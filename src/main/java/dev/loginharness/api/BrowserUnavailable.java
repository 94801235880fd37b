package dev.loginharness.api;

/** No browser session could be had: no Chromium or chromedriver, a version mismatch, no Grid. */
public final class BrowserUnavailable extends HarnessException {
  BrowserUnavailable(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public Kind kind() {
    return Kind.BROWSER_UNAVAILABLE;
  }
}
