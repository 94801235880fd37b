package dev.loginharness.browser;

/**
 * A browser lent to one login. Closing the lease ends the login's use of it: a browser launched
 * for the login is quit; a {@link SharedBrowser}'s lives on for other logins, and only the
 * login's tab goes.
 */
public final class BrowserLease implements AutoCloseable {
  private final BrowserSession session;
  private final boolean reused;
  private final boolean shared;
  private final Runnable end;

  private BrowserLease(BrowserSession session, boolean reused, boolean shared, Runnable end) {
    this.session = session;
    this.reused = reused;
    this.shared = shared;
    this.end = end;
  }

  /** The whole browser, for one login: closing the lease quits it. */
  static BrowserLease whole(BrowserSession session) {
    return new BrowserLease(session, false, false, session::close);
  }

  /**
   * One tab of a browser that other logins use too ({@code tab} is the login's view of it);
   * {@code end} hands the tab back.
   */
  static BrowserLease shared(BrowserSession tab, boolean reused, Runnable end) {
    return new BrowserLease(tab, reused, true, end);
  }

  /** The browser as this login sees it: for a shared browser, a view of the login's tab. */
  public BrowserSession session() {
    return session;
  }

  /** The browser was started before this login, which did not pay for its start. */
  public boolean reused() {
    return reused;
  }

  /** The browser lives on after this lease, for other logins. */
  public boolean shared() {
    return shared;
  }

  @Override
  public void close() {
    end.run();
  }
}
