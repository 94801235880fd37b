package dev.loginharness.browser;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.bidi.browsingcontext.BrowsingContext;
import org.openqa.selenium.bidi.browsingcontext.CreateContextParameters;
import org.openqa.selenium.bidi.module.Browser;

/**
 * A tab in a WebDriver BiDi user context of its own ({@code browser.createUserContext}): the
 * cookies, storage and cache a login leaves there are seen by no other user context, and go
 * with it when it is removed. The session's own first tab stays open in the default context, so
 * the browser lives on between logins; WebDriver commands go to the new tab while it is open.
 */
final class UserContextTab {
  private final WebDriver driver;
  private final Browser browser;
  private final String userContext;
  private final String home;

  private UserContextTab(WebDriver driver, Browser browser, String userContext, String home) {
    this.driver = driver;
    this.browser = browser;
    this.userContext = userContext;
    this.home = home;
  }

  static UserContextTab open(BrowserSession session) throws BrowserUnavailableException {
    WebDriver driver = session.driver();
    String userContext = null;
    Browser browser = null;
    try {
      String home = driver.getWindowHandle();
      browser = new Browser(driver);
      userContext = browser.createUserContext();
      BrowsingContext tab = new BrowsingContext(driver,
          new CreateContextParameters(WindowType.TAB).userContext(userContext));
      // chromedriver's window handles are the BiDi context ids.
      driver.switchTo().window(tab.getId());
      return new UserContextTab(driver, browser, userContext, home);
    } catch (WebDriverException e) {
      if (userContext != null) {
        new UserContextTab(driver, browser, userContext, null).close();
      }
      throw new BrowserUnavailableException("could not open a user context in the browser: "
          + Browsers.firstLine(e), e);
    }
  }

  /**
   * Removes the user context, which closes its tabs, and points WebDriver back at the first tab.
   *
   * @return whether the browser did both; if not, it should not serve another login
   */
  boolean close() {
    try {
      browser.removeUserContext(userContext);
      if (home != null) {
        driver.switchTo().window(home);
      }
      return true;
    } catch (WebDriverException e) {
      return false;
    }
  }
}
