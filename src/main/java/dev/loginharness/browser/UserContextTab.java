package dev.loginharness.browser;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.bidi.browsingcontext.BrowsingContext;
import org.openqa.selenium.bidi.browsingcontext.CreateContextParameters;
import org.openqa.selenium.bidi.module.Browser;

/**
 * A tab in a WebDriver BiDi user context of its own ({@code browser.createUserContext}): the
 * cookies, storage and cache a login leaves there are seen by no other user context, and go with it
 * when it is removed. Opened and removed with BiDi commands only, which act on the context they
 * name: WebDriver classic's current window is left alone.
 */
final class UserContextTab {
  private final Browser browser;
  private final String userContext;
  private final String context;

  private UserContextTab(Browser browser, String userContext, String context) {
    this.browser = browser;
    this.userContext = userContext;
    this.context = context;
  }

  static UserContextTab open(WebDriver driver) throws BrowserUnavailableException {
    String userContext = null;
    Browser browser = null;
    try {
      browser = new Browser(driver);
      userContext = browser.createUserContext();
      BrowsingContext tab =
          new BrowsingContext(
              driver, new CreateContextParameters(WindowType.TAB).userContext(userContext));
      return new UserContextTab(browser, userContext, tab.getId());
    } catch (WebDriverException e) {
      if (userContext != null) {
        new UserContextTab(browser, userContext, null).close();
      }
      throw new BrowserUnavailableException(
          "could not open a user context in the browser: " + Browsers.firstLine(e), e);
    }
  }

  /** The tab's browsing context id, which chromedriver also uses as its window handle. */
  String context() {
    return context;
  }

  String userContext() {
    return userContext;
  }

  /**
   * Removes the user context, which closes its tabs.
   *
   * @return whether the browser did; if not, it should not serve another login
   */
  boolean close() {
    try {
      browser.removeUserContext(userContext);
      return true;
    } catch (WebDriverException e) {
      return false;
    }
  }
}
