package dev.loginharness.browser;

import java.util.Optional;

/**
 * A browser lent to one login. Closing the lease ends the login's use of it: a browser launched for
 * the login is quit; a {@link SharedBrowser}'s lives on for other logins, and only what the login
 * had of it (its tab, its WebDriver session) goes.
 */
public final class BrowserLease implements AutoCloseable {
  /** What a shared browser does when a login is over; told the login's form filler, if any. */
  interface Release {
    void release(Optional<Thread> filler);
  }

  private final BrowserSession session;
  private final boolean reused;
  private final boolean shared;
  private final Release release;
  private Optional<Thread> filler = Optional.empty();

  private BrowserLease(BrowserSession session, boolean reused, boolean shared, Release release) {
    this.session = session;
    this.reused = reused;
    this.shared = shared;
    this.release = release;
  }

  /** The whole browser, for one login: closing the lease quits it. */
  static BrowserLease whole(BrowserSession session) {
    return new BrowserLease(session, false, false, filler -> session.close());
  }

  /** A tab of a browser that other logins use too ({@code tab} is the login's view of it). */
  static BrowserLease shared(BrowserSession tab, boolean reused, Release release) {
    return new BrowserLease(tab, reused, true, release);
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

  /**
   * The thread that types into the login's pages. It stops by itself once the callback was seen; a
   * WebDriver session it used is not lent to another login before it has.
   */
  public void filler(Thread thread) {
    this.filler = Optional.of(thread);
  }

  @Override
  public void close() {
    release.release(filler);
  }
}
