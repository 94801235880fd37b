package dev.loginharness.browser;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.WebDriver;

/**
 * One real headless Chromium for a test class that opens small pages in it as {@code data:} URLs:
 * launched before the class's first test, closed after its last.
 */
final class HeadlessPages implements BeforeAllCallback, AfterAllCallback {
  private BrowserSession session;

  @Override
  public void beforeAll(ExtensionContext context) throws BrowserUnavailableException {
    session = new Browsers(DriverSettings.defaults(), System.getenv()).launch(true);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (session != null) {
      session.close();
    }
  }

  WebDriver driver() {
    return session.driver();
  }

  /** Opens a page whose body is {@code html}. */
  void open(String html) {
    driver()
        .get(
            "data:text/html;base64,"
                + Base64.getEncoder()
                    .encodeToString(
                        ("<!doctype html><html><body>" + html + "</body></html>")
                            .getBytes(StandardCharsets.UTF_8)));
  }
}
