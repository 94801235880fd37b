package dev.loginharness.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.CapabilityType;

/**
 * A WebDriver session of its own on a running local browser: a second chromedriver attached to it
 * through {@code goog:chromeOptions.debuggerAddress}. Its commands run alongside those of the
 * browser's own session and of other attached ones (chromedriver runs one command of a session at a
 * time). It has no BiDi; quitting it leaves the browser running.
 *
 * <p>Attaching, chromedriver lists the browser's targets and then attaches to each; a target that
 * closes in between (a tab closed, a frame gone) makes that chromedriver die without an answer (in
 * mint, about one attach in 200: the tab of a login that just ended closes). Such a hang-up is
 * retried with a fresh chromedriver for up to {@link #ATTACH_PATIENCE}; an answer that refuses the
 * session is not retried.
 */
final class BrowserAttacher {
  /** How long chromedrivers that hang up attaching are replaced. */
  static final Duration ATTACH_PATIENCE = Duration.ofSeconds(5);

  private final DriverSettings settings;
  private final BrowserLocator locator;

  BrowserAttacher(DriverSettings settings, BrowserLocator locator) {
    this.settings = settings;
    this.locator = locator;
  }

  AttachedDriver attach(BrowserSession session) throws BrowserUnavailableException {
    if (session.isRemote() || settings.mode() == DriverSettings.Mode.REMOTE) {
      throw new BrowserUnavailableException("a browser on a Grid cannot be attached to");
    }
    String endpoint =
        session
            .cdpEndpoint()
            .orElseThrow(
                () ->
                    new BrowserUnavailableException(
                        "the browser exposes no DevTools address to attach to"));
    // goog:chromeOptions.debuggerAddress is host:port; se:cdp a websocket URL on the same.
    String address = endpoint.startsWith("ws") ? URI.create(endpoint).getRawAuthority() : endpoint;
    Path driverPath = locator.driver();
    ChromeOptions options = new ChromeOptions();
    options.setExperimentalOption("debuggerAddress", address);
    if (session.isHeadlessShell()) {
      options.setCapability(CapabilityType.BROWSER_NAME, ChromeOptionsFactory.HEADLESS_SHELL);
    }
    long deadline = System.nanoTime() + ATTACH_PATIENCE.toNanos();
    while (true) {
      Duration startTimeout = settings.driverStartTimeout();
      ChromeDriverService service =
          Chromedrivers.service(driverPath, Map.of(), Chromedrivers.logBuffer(), startTimeout);
      try {
        Chromedrivers.start(service, driverPath, startTimeout);
        return new AttachedDriver(new ChromeDriver(service, options), service);
      } catch (WebDriverException e) {
        service.stop();
        if (hungUp(e) && System.nanoTime() < deadline) {
          continue;
        }
        throw new BrowserUnavailableException(
            "could not attach a WebDriver session to the browser "
                + "at "
                + address
                + ": "
                + Browsers.firstLine(e),
            e);
      }
    }
  }

  /** Whether the driver went away without answering (an I/O error), rather than refusing. */
  static boolean hungUp(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException || t instanceof UncheckedIOException) {
        return true;
      }
    }
    return false;
  }
}
