package dev.loginharness.browser;

/**
 * One headless browser that serves one worker's logins one after another, each in a fresh user
 * context of its own ({@link UserContextTab}): a login sees none of an earlier one's cookies or
 * storage, and only the first pays for starting Chromium, chromedriver and BiDi's mapper.
 *
 * <p>A login that failed takes the browser with it; the next one starts a fresh browser. A
 * session without BiDi (capture=cdp or perflog) cannot make user contexts, so there every login
 * gets a browser of its own, as from {@link Browsers}. Headful logins always get their own
 * window. Not thread-safe: one worker, one instance.
 */
public final class ReusableBrowser implements BrowserSource, AutoCloseable {
  private final Browsers browsers;
  private BrowserSession current;
  private int launches;

  public ReusableBrowser(Browsers browsers) {
    this.browsers = browsers;
  }

  @Override
  public BrowserLease lease(boolean headless) throws BrowserUnavailableException {
    if (!headless) {
      return browsers.lease(false);
    }
    boolean reused = current != null;
    if (!reused) {
      current = browsers.launch(true);
      launches++;
    }
    BrowserSession session = current;
    if (!session.hasBidi()) {
      current = null;
      return BrowserLease.whole(session);
    }
    UserContextTab tab;
    try {
      tab = UserContextTab.open(session);
    } catch (BrowserUnavailableException e) {
      quit(session);
      if (reused) {
        return lease(true); // the kept browser went bad between logins: a fresh one
      }
      throw e;
    }
    return BrowserLease.context(session, tab, reused, () -> quit(session));
  }

  /** How many browsers this worker started so far. */
  public int launches() {
    return launches;
  }

  private void quit(BrowserSession session) {
    if (current == session) {
      current = null;
    }
    session.close();
  }

  /** Quits the kept browser, if any. */
  @Override
  public void close() {
    if (current != null) {
      quit(current);
    }
  }
}
