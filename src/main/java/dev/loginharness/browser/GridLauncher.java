package dev.loginharness.browser;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.Optional;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.RemoteWebDriver;

/**
 * A session on the Grid at {@code remote.url}. The node owns the browser: its binary and driver
 * come from the node's configuration, and chromedriver gives every session a fresh temporary
 * profile of its own (a {@code --user-data-dir} chosen here would name a directory on the wrong
 * machine). BiDi is used only once it has answered, and CDP only at an address that opens; without
 * either, the capture falls back on the performance log.
 *
 * <p>No {@code Augmenter}: since Selenium 4.49 {@link RemoteWebDriver} is itself {@code HasBiDi}.
 * Augmenting would only add Selenium's version-bound {@code HasDevTools}, which the harness does
 * not use (see CdpCapture), and whose {@code quit()} first opens a DevTools connection through the
 * Grid just to close it.
 */
final class GridLauncher {
  private final DriverSettings settings;

  GridLauncher(DriverSettings settings) {
    this.settings = settings;
  }

  BrowserSession launch(boolean headless) throws BrowserUnavailableException {
    String url = settings.remoteUrl().orElseThrow();
    URL grid;
    try {
      grid = URI.create(url).toURL();
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new BrowserUnavailableException("remote.url is not a URL: " + url, e);
    }
    ChromeOptions options =
        ChromeOptionsFactory.options(settings, headless, ChromeOptionsFactory.wantsBidi(settings));
    // The node's user is unknown from here, and Grid nodes typically run in containers, often as
    // root or without the user namespaces Chromium's sandbox needs; there it refuses to start
    // without this flag. The browser only ever visits the login pages the harness opens.
    options.addArguments("--no-sandbox");
    long start = System.nanoTime();
    RemoteWebDriver driver;
    try {
      driver = GridConnection.open(grid, options);
    } catch (WebDriverException e) {
      throw new BrowserUnavailableException(
          "no browser session from the Grid at " + url + ": " + Browsers.firstLine(e), e);
    }
    Duration launch = Duration.ofNanos(System.nanoTime() - start);
    boolean bidi = ChromeOptionsFactory.wantsBidi(settings) && GridConnection.bidiAnswers(driver);
    // With BiDi answering, se:cdp goes through the same Grid websocket proxy and is attached
    // without a probe (a failure there leaves BiDi alone). Without BiDi it would be the only
    // listener, so it must be known to open, or the capture falls back on the performance log.
    Optional<String> cdp =
        Optional.ofNullable(driver.getCapabilities().getCapability("se:cdp"))
            .map(String::valueOf)
            .filter(s -> !s.isBlank());
    if (!bidi && cdp.isPresent() && settings.capture() != DriverSettings.CaptureKind.PERFLOG) {
      cdp = GridConnection.usableCdp(driver.getCapabilities());
    }
    return BrowserSession.remote(driver, bidi, cdp, launch);
  }
}
