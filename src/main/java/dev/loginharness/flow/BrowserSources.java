package dev.loginharness.flow;

import dev.loginharness.browser.BrowserSource;
import dev.loginharness.browser.Browsers;
import dev.loginharness.browser.DriverSettings;
import java.util.Objects;

/**
 * Where a login gets its browsers, and how it listens to them: headless attempts may borrow a tab
 * of a shared browser (mint), headful ones always launch a window of their own.
 */
public record BrowserSources(
    BrowserSource headless, BrowserSource headful, DriverSettings.CaptureKind capture) {
  public BrowserSources {
    Objects.requireNonNull(headless, "headless");
    Objects.requireNonNull(headful, "headful");
    Objects.requireNonNull(capture, "capture");
  }

  /** Every browser launched by {@code browsers}, listened to as its settings say. */
  public static BrowserSources of(Browsers browsers) {
    return new BrowserSources(browsers, browsers, browsers.settings().capture());
  }

  /** The same, with headless browsers from {@code headless} (e.g. a shared browser's tabs). */
  public BrowserSources withHeadless(BrowserSource headless) {
    return new BrowserSources(headless, headful, capture);
  }
}
