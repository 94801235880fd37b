package dev.loginharness.api;

import dev.loginharness.browser.BrowserConfigException;
import dev.loginharness.browser.Browsers;
import dev.loginharness.browser.DriverSettings;
import java.util.Map;
import java.util.Optional;

/**
 * A headless browser started before the login that will use it is even configured: for a process
 * whose first lines already say that it is about to log in headless (the command line's {@code
 * demo} and {@code login --headless}), chromedriver and Chromium start while the JVM goes on
 * loading everything else. The login's own launch takes it when its driver settings are exactly
 * those of {@code drivers.properties} and the environment (no overrides); otherwise it is closed
 * and a browser launched as usual.
 */
public final class EarlyBrowser {
  private EarlyBrowser() {}

  /**
   * Starts the browser on a thread of its own. A {@code drivers.properties} that cannot be read
   * starts nothing: the login reports it.
   */
  public static void startHeadless(Map<String, String> env) {
    try {
      Browsers.launchEarly(DriverSettings.load(Optional.empty(), env), env, true);
    } catch (BrowserConfigException | RuntimeException reportedByTheLogin) {
      // the login loads the same settings and says what is wrong with them
    }
  }

  /** Closes the early browser when no login took it (the command ended before it logged in). */
  public static void discard() {
    Browsers.discardEarly();
  }
}
