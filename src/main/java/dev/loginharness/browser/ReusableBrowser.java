package dev.loginharness.browser;

import java.time.Duration;
import java.util.Optional;

/**
 * One headless browser that serves one worker's logins one after another. The first login runs
 * in the fresh browser's own first tab; every later one in a fresh user context of its own
 * ({@link UserContextTab}), which sees none of the cookies, storage or cache that earlier logins
 * left. Only the first login pays for starting Chromium, chromedriver and BiDi's mapper.
 *
 * <p>What a login leaves is cleaned up when the next one asks for the browser, not when it ends:
 * the worker's last login then costs nothing extra. Before a login is handed the browser, the
 * previous login's form filler must have ended and its user context must be gone; if either
 * fails, or the previous login failed, or the browser died, the next login gets a fresh browser.
 * A session without BiDi (capture=cdp or perflog) cannot make user contexts, so there every login
 * gets a browser of its own, as from {@link Browsers}. Headful logins always get their own
 * window. Not thread-safe: one worker, one instance.
 */
public final class ReusableBrowser implements BrowserSource, AutoCloseable {
  /** How long the next login waits for the previous one's form filler to notice it is done. */
  private static final Duration FILLER_STOP = Duration.ofSeconds(2);

  private final Browsers browsers;
  private BrowserSession current;
  /** What the last login left in {@link #current}, to clean up before the next one. */
  private Optional<UserContextTab> lastTab = Optional.empty();
  private Optional<Thread> lastFiller = Optional.empty();
  private int launches;

  public ReusableBrowser(Browsers browsers) {
    this.browsers = browsers;
  }

  @Override
  public BrowserLease lease(boolean headless) throws BrowserUnavailableException {
    if (!headless) {
      return browsers.lease(false);
    }
    if (current != null && !cleanedUp()) {
      quit(current);
    }
    if (current == null) {
      BrowserSession session = browsers.launch(true);
      launches++;
      if (!session.hasBidi()) {
        return BrowserLease.whole(session);
      }
      current = session;
      return lease(session, Optional.empty(), false);
    }
    BrowserSession session = current;
    try {
      return lease(session, Optional.of(UserContextTab.open(session)), true);
    } catch (BrowserUnavailableException diedBetweenLogins) {
      quit(session);
      return lease(true);
    }
  }

  private BrowserLease lease(BrowserSession session, Optional<UserContextTab> tab, boolean reused) {
    return BrowserLease.kept(session, tab, reused, (usedTab, filler) -> {
      lastTab = usedTab;
      lastFiller = filler;
    }, () -> quit(session));
  }

  /** Whether the last login's filler has ended and its user context is gone. */
  private boolean cleanedUp() {
    Optional<Thread> filler = lastFiller;
    Optional<UserContextTab> tab = lastTab;
    lastFiller = Optional.empty();
    lastTab = Optional.empty();
    if (filler.isPresent()) {
      try {
        filler.get().join(FILLER_STOP.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      if (filler.get().isAlive()) {
        return false;
      }
    }
    return tab.map(UserContextTab::close).orElse(true);
  }

  /** How many browsers this worker started so far. */
  public int launches() {
    return launches;
  }

  private void quit(BrowserSession session) {
    if (current == session) {
      current = null;
      lastTab = Optional.empty();
      lastFiller = Optional.empty();
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
