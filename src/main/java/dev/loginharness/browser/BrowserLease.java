package dev.loginharness.browser;

import java.util.Optional;

/**
 * A browser lent to one login. Closing the lease ends the login's use of it: a browser launched
 * for the login is quit; a {@link ReusableBrowser}'s is kept for the worker's next login only if
 * the login called {@link #reusable} — a login that failed may have left the browser in a state
 * nobody should inherit, so its browser is quit at once.
 */
public final class BrowserLease implements AutoCloseable {
  /** What a kept browser does with a lease that ended well; see ReusableBrowser. */
  interface Keeper {
    void keep(Optional<UserContextTab> tab, Optional<Thread> filler);
  }

  private final BrowserSession session;
  private final Optional<UserContextTab> tab;
  private final boolean reused;
  private final Optional<Keeper> keeper;
  private final Runnable quit;
  private boolean reusable;
  private Optional<Thread> filler = Optional.empty();
  private boolean kept;

  private BrowserLease(BrowserSession session, Optional<UserContextTab> tab, boolean reused,
      Optional<Keeper> keeper, Runnable quit) {
    this.session = session;
    this.tab = tab;
    this.reused = reused;
    this.keeper = keeper;
    this.quit = quit;
  }

  /** The whole browser, for one login: closing the lease quits it. */
  static BrowserLease whole(BrowserSession session) {
    return new BrowserLease(session, Optional.empty(), false, Optional.empty(), session::close);
  }

  /**
   * A browser that may serve further logins, in {@code tab}'s user context (or, for its first
   * login, the fresh browser's own first tab); {@code quit} ends the browser.
   */
  static BrowserLease kept(BrowserSession session, Optional<UserContextTab> tab, boolean reused,
      Keeper keeper, Runnable quit) {
    return new BrowserLease(session, tab, reused, Optional.of(keeper), quit);
  }

  public BrowserSession session() {
    return session;
  }

  /** An earlier login ran in this browser (in a user context of its own, removed since). */
  public boolean reused() {
    return reused;
  }

  /**
   * The login went well: the browser may serve the next login, once {@code filler} (the
   * thread that typed into the login's pages, if any) has ended — it must not type into the next
   * login's page.
   */
  public void reusable(Optional<Thread> filler) {
    this.reusable = true;
    this.filler = filler;
  }

  /** After {@link #close()}: the browser still runs, for the next login. */
  public boolean kept() {
    return kept;
  }

  @Override
  public void close() {
    kept = reusable && keeper.isPresent();
    if (kept) {
      keeper.get().keep(tab, filler);
    } else {
      quit.run();
    }
  }
}
