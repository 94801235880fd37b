package dev.loginharness.browser;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One headless browser that serves many logins, at the same time and one after another. The
 * first login runs in the fresh browser's own first tab; every other one in a tab of a fresh
 * WebDriver BiDi user context ({@link UserContextTab}), which sees none of the cookies, storage
 * or cache of any other login. Only the first login pays for starting Chromium, chromedriver and
 * BiDi's mapper, and eight logins at once take well under half the memory of eight browsers.
 *
 * <p>The logins share one WebDriver session, whose classic commands act on its current window:
 * each login gets a {@link TabDriver}, which makes its tab current for each command, and a
 * capture that hears only its tab's traffic ({@link BrowserSession#tab()}). chromedriver runs one
 * command of a session at a time, and a command sent while its page is being replaced waits for
 * the next page: so the session loads pages without waiting ({@code pageLoadStrategy=none}), and
 * each tab's navigations are watched through BiDi ({@link PageWatch}) so that its form filler
 * sends nothing while its page loads.
 *
 * <p>A login's user context is removed when the next login asks for the browser, so the last
 * login costs nothing extra; the browser is quit by {@link #close()}. If a user context cannot
 * be opened or removed, the browser is taken for dead and the next login starts a fresh one. A
 * session without BiDi (capture=cdp or perflog, or a Grid that refuses it) cannot make user
 * contexts, so there every login gets a browser of its own, as from {@link Browsers}. Headful
 * logins always get their own window. Thread-safe.
 */
public final class SharedBrowser implements BrowserSource, AutoCloseable {
  private final Browsers browsers;
  /** The running browser, if any; guarded by {@code this}. */
  private Running current;
  /** User contexts of ended logins, removed at the next lease; guarded by {@code this}. */
  private final List<Ended> ended = new ArrayList<>();
  private int launches;
  private boolean closed;

  private record Running(BrowserSession session, TabDriver.Session windows) {}

  private record Ended(Running browser, String handle, Optional<UserContextTab> tab) {}

  public SharedBrowser(Browsers browsers) {
    this.browsers = browsers;
  }

  @Override
  public BrowserLease lease(boolean headless) throws BrowserUnavailableException {
    if (!headless || !browsers.wantsBidi()) {
      return browsers.lease(headless);
    }
    Running running;
    synchronized (this) {
      if (closed) {
        throw new BrowserUnavailableException("the shared browser was closed");
      }
      removeEnded();
      if (current == null) {
        BrowserSession session = browsers.launch(true, true);
        launches++;
        if (!session.hasBidi()) {
          return BrowserLease.whole(session);
        }
        current = new Running(session, new TabDriver.Session(session.driver()));
        return lease(current, current.windows().home(), Optional.empty(), false);
      }
      running = current;
    }
    UserContextTab tab;
    try {
      tab = UserContextTab.open(running.session().driver());
    } catch (BrowserUnavailableException diedBetweenLogins) {
      synchronized (this) {
        if (current == running) {
          quitCurrent();
        }
      }
      return lease(true);
    }
    return lease(running, tab.context(), Optional.of(tab), true);
  }

  private BrowserLease lease(Running browser, String handle, Optional<UserContextTab> tab,
      boolean reused) throws BrowserUnavailableException {
    PageWatch page;
    try {
      page = PageWatch.of(browser.session().driver(), handle);
    } catch (BrowserUnavailableException e) {
      ended(browser, handle, tab);
      throw e;
    }
    BrowserSession view = browser.session().inTab(TabDriver.of(browser.windows(), handle),
        new BrowserSession.Tab(handle, tab.map(UserContextTab::userContext)), page);
    return BrowserLease.shared(view, reused, () -> {
      page.close();
      ended(browser, handle, tab);
    });
  }

  /** The tab's login is over: its user context goes at the next lease. */
  private synchronized void ended(Running browser, String handle, Optional<UserContextTab> tab) {
    ended.add(new Ended(browser, handle, tab));
  }

  /** Removes the user contexts of ended logins; a browser that cannot is quit. */
  private void removeEnded() {
    for (Ended e : ended) {
      if (e.browser() != current) {
        continue;
      }
      e.browser().windows().forget(e.handle());
      if (e.tab().isPresent() && !e.tab().get().close()) {
        quitCurrent();
      }
    }
    ended.clear();
  }

  private void quitCurrent() {
    Running dead = current;
    current = null;
    dead.session().close();
  }

  /** How many browsers were started so far. */
  public synchronized int launches() {
    return launches;
  }

  /** Quits the browser; logins still running in it fail. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      ended.clear();
      if (current != null) {
        quitCurrent();
      }
    }
  }
}
