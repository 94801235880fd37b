package dev.loginharness.browser;

import java.util.Optional;

/**
 * A browser lent to one login. Closing the lease ends what the login had in the browser: a
 * browser launched for the login is quit; a {@link ReusableBrowser}'s loses the login's user
 * context, and is quit as well unless the login called {@link #reusable()} — a login that failed
 * may have left the browser in a state nobody should inherit.
 */
public final class BrowserLease implements AutoCloseable {
  private final BrowserSession session;
  private final Optional<UserContextTab> tab;
  private final boolean reused;
  private final Runnable quit;
  private boolean reusable;
  private boolean kept;

  private BrowserLease(BrowserSession session, Optional<UserContextTab> tab, boolean reused,
      Runnable quit) {
    this.session = session;
    this.tab = tab;
    this.reused = reused;
    this.quit = quit;
  }

  /** The whole browser, for one login: closing the lease quits it. */
  static BrowserLease whole(BrowserSession session) {
    return new BrowserLease(session, Optional.empty(), false, session::close);
  }

  /** One user context of a browser that may serve further logins; {@code quit} ends the browser. */
  static BrowserLease context(BrowserSession session, UserContextTab tab, boolean reused,
      Runnable quit) {
    return new BrowserLease(session, Optional.of(tab), reused, quit);
  }

  public BrowserSession session() {
    return session;
  }

  /** An earlier login ran in this browser (in a user context of its own, removed since). */
  public boolean reused() {
    return reused;
  }

  /** The login went well and left nothing running in the browser: it may serve the next one. */
  public void reusable() {
    reusable = true;
  }

  /** After {@link #close()}: the browser still runs, for the next login. */
  public boolean kept() {
    return kept;
  }

  @Override
  public void close() {
    kept = tab.isPresent() && tab.get().close() && reusable;
    if (!kept) {
      quit.run();
    }
  }
}
