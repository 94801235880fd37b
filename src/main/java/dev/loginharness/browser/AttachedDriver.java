package dev.loginharness.browser;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriverService;

/**
 * A WebDriver session attached to a browser that another session started (see {@link
 * BrowserAttacher}); closing it ends this session and its chromedriver, not the browser.
 */
final class AttachedDriver implements AutoCloseable {
  private final WebDriver driver;
  private final ChromeDriverService service;

  AttachedDriver(WebDriver driver, ChromeDriverService service) {
    this.driver = driver;
    this.service = service;
  }

  WebDriver driver() {
    return driver;
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } catch (RuntimeException alreadyGone) {
      // the browser went first; the chromedriver is stopped below either way
    }
    service.stop();
  }
}
