package dev.loginharness.browser;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;

/**
 * One headless browser that serves many logins, at the same time and one after another. The first
 * login runs in the fresh browser's own first tab; every other one in a tab of a fresh WebDriver
 * BiDi user context ({@link UserContextTab}), which sees none of the cookies, storage or cache of
 * any other login. Only the first login pays for starting Chromium and BiDi's mapper, and eight
 * logins at once take half the memory of eight browsers.
 *
 * <p>Each login drives its tab through a WebDriver session of its own: the first through the
 * browser's own session, the others through a chromedriver attached to the browser ({@link
 * BrowserAttacher}). chromedriver runs one command of a session at a time, and a command sent while
 * a page loads waits for it; with a session each, no login waits for another's page. The browser's
 * own session keeps BiDi for everyone: the user contexts, and each login's capture, which hears
 * only its own tab ({@link BrowserSession#tab()}).
 *
 * <p>A browser on a Grid cannot be attached to: there the logins take turns, one at a time, in the
 * browser's own session (mint gives every worker a browser of its own there). Before the session
 * moves to the next login's tab, the last login's form filler must have stopped, or the browser is
 * replaced.
 *
 * <p>What a login leaves (its user context, its attached session) goes when the next login asks for
 * the browser, so the last login costs nothing extra; {@link #close()} quits everything. If a user
 * context cannot be opened or removed, the browser is taken for dead and the next login starts a
 * fresh one. A session without BiDi (capture=cdp or perflog, or a Grid that refuses it) cannot make
 * user contexts, so there every login gets a browser of its own, as from {@link Browsers}. Headful
 * logins always get their own window. Thread-safe.
 */
public final class SharedBrowser implements BrowserSource, AutoCloseable {
  /** How long a login waits, on a Grid, for the last login's form filler to notice it is done. */
  private static final Duration FILLER_STOP = Duration.ofSeconds(2);

  private final Browsers browsers;

  /** Local: every login after the first gets an attached session. A Grid: they take turns. */
  private final boolean attach;

  /** The running browser, if any; guarded by {@code this}. */
  private BrowserSession current;

  /** What ended logins left, cleaned up at the next lease; guarded by {@code this}. */
  private final List<Ended> ended = new ArrayList<>();

  /**
   * Every attached session not closed yet, so that close() ends them all; guarded by {@code this}.
   */
  private final List<AttachedDriver> attached = new ArrayList<>();

  private int launches;
  private boolean closed;

  private record Ended(
      BrowserSession browser,
      Optional<UserContextTab> tab,
      Optional<AttachedDriver> session,
      Optional<Thread> filler) {}

  public SharedBrowser(Browsers browsers) {
    this.browsers = browsers;
    this.attach = browsers.settings().mode() != DriverSettings.Mode.REMOTE;
  }

  @Override
  public BrowserLease lease(boolean headless) throws BrowserUnavailableException {
    if (!headless || !browsers.wantsBidi()) {
      return browsers.lease(headless);
    }
    BrowserSession browser;
    synchronized (this) {
      if (closed) {
        throw new BrowserUnavailableException("the shared browser was closed");
      }
      if (!cleanUp()) {
        quitCurrent();
      }
      if (current == null) {
        BrowserSession fresh = browsers.launchShared();
        launches++;
        if (!fresh.hasBidi()) {
          return BrowserLease.whole(fresh);
        }
        current = fresh;
        return lease(
            fresh,
            fresh.driver().getWindowHandle(),
            fresh.driver(),
            Optional.empty(),
            Optional.empty(),
            false);
      }
      browser = current;
    }
    UserContextTab tab;
    try {
      tab = UserContextTab.open(browser.driver());
    } catch (BrowserUnavailableException diedBetweenLogins) {
      synchronized (this) {
        if (current == browser) {
          quitCurrent();
        }
      }
      return lease(true);
    }
    Optional<AttachedDriver> session = Optional.empty();
    try {
      if (attach) {
        AttachedDriver fresh = browsers.attach(browser);
        synchronized (this) {
          if (closed) {
            fresh.close();
            throw new BrowserUnavailableException("the shared browser was closed");
          }
          attached.add(fresh);
        }
        session = Optional.of(fresh);
      }
      WebDriver driver = session.map(AttachedDriver::driver).orElse(browser.driver());
      // chromedriver's window handles are the BiDi context ids.
      driver.switchTo().window(tab.context());
      return lease(browser, tab.context(), driver, Optional.of(tab), session, true);
    } catch (BrowserUnavailableException | WebDriverException e) {
      session.ifPresent(this::close);
      tab.close();
      throw e instanceof BrowserUnavailableException unavailable
          ? unavailable
          : new BrowserUnavailableException(
              "could not open the login's tab: " + Browsers.firstLine(e), e);
    }
  }

  private BrowserLease lease(
      BrowserSession browser,
      String context,
      WebDriver driver,
      Optional<UserContextTab> tab,
      Optional<AttachedDriver> session,
      boolean reused) {
    BrowserSession view =
        browser.inTab(
            driver, new BrowserSession.Tab(context, tab.map(UserContextTab::userContext)));
    return BrowserLease.shared(
        view,
        reused,
        filler -> {
          synchronized (this) {
            ended.add(new Ended(browser, tab, session, filler));
          }
        });
  }

  /**
   * Ends what the ended logins left: their attached sessions and user contexts. On a Grid, their
   * form fillers must have stopped first (the next login gets the same session).
   *
   * @return whether the browser may serve another login
   */
  private boolean cleanUp() {
    boolean usable = true;
    for (Ended e : ended) {
      e.session().ifPresent(this::close);
      if (e.browser() != current) {
        continue;
      }
      if (e.session().isEmpty()
          && !attach
          && e.filler().isPresent()
          && !stopped(e.filler().get())) {
        usable = false;
      }
      if (e.tab().isPresent() && !e.tab().get().close()) {
        usable = false;
      }
    }
    ended.clear();
    return usable;
  }

  private static boolean stopped(Thread filler) {
    try {
      filler.join(FILLER_STOP.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    return !filler.isAlive();
  }

  private synchronized void close(AttachedDriver session) {
    if (attached.remove(session)) {
      session.close();
    }
  }

  private void quitCurrent() {
    if (current != null) {
      BrowserSession dead = current;
      current = null;
      dead.close();
    }
  }

  /** How many browsers were started so far. */
  public synchronized int launches() {
    return launches;
  }

  /** Quits the browser and ends every attached session; logins still running fail. */
  @Override
  public synchronized void close() {
    closed = true;
    ended.clear();
    new ArrayList<>(attached).forEach(this::close);
    quitCurrent();
  }
}
