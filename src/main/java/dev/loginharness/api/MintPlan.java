package dev.loginharness.api;

import dev.loginharness.flow.Mint;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Many accounts of one provider, checked and ready to log in: the accounts file has been read whole
 * and every account's secrets with it, so nothing left can fail for a reason that was knowable
 * before the first browser starts. Made by {@link LoginHarness#planMint}.
 */
public final class MintPlan {

  /** How the accounts of a mint get their browsers. */
  public enum BrowserUse {
    /**
     * The accounts log in in one headless browser, as many at once as the mint's parallelism: the
     * first in the fresh browser's own tab, every other one in a fresh WebDriver BiDi user context
     * (cookies, storage and cache of its own, removed after the login). Only the first account pays
     * for starting Chromium, and eight accounts take well under half the memory of eight browsers.
     * If the browser dies, the logins running in it fail and the next account gets a fresh one. On
     * a Grid each worker has a browser of its own (the logins spread over its slots). Where the
     * session has no BiDi (capture cdp or perflog), and with debug bundles, every account gets a
     * browser of its own.
     */
    SHARED,
    /** Every account gets a browser started for it and quit after it. */
    ONE_PER_ACCOUNT
  }

  private final List<Mint.Account> accounts;
  private final Mint mint;

  MintPlan(List<Mint.Account> accounts, Mint mint) {
    this.accounts = List.copyOf(accounts);
    this.mint = mint;
  }

  /** The account names, in the file's order. */
  public List<String> accounts() {
    return accounts.stream().map(Mint.Account::name).toList();
  }

  /**
   * Logs every account in, headless, at most the plan's parallelism at once, and keeps each one's
   * tokens in the store. One account's failure is its own outcome; the others go on. {@code
   * onFinish} hears each outcome as its login ends, never from two threads at once. Each call logs
   * every account in again.
   *
   * @return the outcomes in the order they finished
   * @throws InterruptedException when this thread is interrupted; running logins are stopped and
   *     their browsers closed
   */
  public List<MintOutcome> run(Consumer<MintOutcome> onFinish) throws InterruptedException {
    Objects.requireNonNull(onFinish, "onFinish");
    return mint.run(accounts, outcome -> onFinish.accept(outcome(outcome))).stream()
        .map(MintPlan::outcome)
        .toList();
  }

  private static MintOutcome outcome(Mint.Outcome o) {
    return new MintOutcome(o.account(), o.expiresAt(), o.elapsedMillis(), o.error());
  }
}
