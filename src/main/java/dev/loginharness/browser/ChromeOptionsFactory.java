package dev.loginharness.browser;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/** The ChromeOptions every session starts from, local or on a Grid. */
final class ChromeOptionsFactory {
  /** The browserName chromedriver knows the shell by. */
  static final String HEADLESS_SHELL = "chrome-headless-shell";

  private ChromeOptionsFactory() {}

  /**
   * capture=auto|bidi: a Grid session, or the shared browser of {@code mint} (its user contexts are
   * BiDi's), is asked for BiDi.
   */
  static boolean wantsBidi(DriverSettings settings) {
    return settings.capture() == DriverSettings.CaptureKind.AUTO
        || settings.capture() == DriverSettings.CaptureKind.BIDI;
  }

  /**
   * capture=bidi only: a local browser that one login owns is not asked for BiDi under
   * capture=auto, because CDP, which a local browser always offers, sees the callback first (the
   * demo's bench runs: 8 of 8) and BiDi's chromium-bidi mapper costs the whole login about 0.8 s
   * (against Keycloak, 6 interleaved pairs: 3.43 s with it, 2.60 s without; docs/benchmarks.md).
   */
  static boolean wantsBidiInOwnBrowser(DriverSettings settings) {
    return settings.capture() == DriverSettings.CaptureKind.BIDI;
  }

  static ChromeOptions options(DriverSettings settings, boolean headless, boolean bidi) {
    ChromeOptions options = new ChromeOptions();
    // BiDi: the passive network listener (and the shared browser's user contexts). Not asked for
    // otherwise: it starts the chromium-bidi mapper inside the browser, which costs launch time
    // and CPU.
    if (bidi) {
      options.setCapability("webSocketUrl", true);
    }
    // The performance log is the capture of last resort when BiDi is refused; it must be asked
    // for when the session starts, and costs little when nobody reads it.
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.PERFORMANCE, Level.ALL);
    // The console, for the failure bundle.
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    options.setExperimentalOption(
        "perfLoggingPrefs", Map.of("enableNetwork", true, "enablePage", false));
    List<String> args = new ArrayList<>();
    if (headless) {
      args.add("--headless=new");
      args.add("--window-size=1280,900");
    }
    // Measured here: without these, Chromium phones home (refused on closed networks, many
    // times), updates components, and as root fills /dev/shm.
    args.addAll(
        List.of(
            "--disable-dev-shm-usage",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--no-first-run",
            "--no-default-browser-check",
            "--password-store=basic",
            "--disable-features=Translate"));
    args.addAll(settings.browserArgs());
    options.addArguments(args);
    return options;
  }
}
