package dev.loginharness.junit;

import dev.loginharness.api.HarnessException;
import dev.loginharness.api.LoginHarness;
import dev.loginharness.oauth.TokenSet;
import java.time.Clock;
import java.time.Duration;

/**
 * One provider/account's token for the whole test run, kept in JUnit's root store. The first test
 * that needs it mints it; later tests get the same token, refreshed when near expiry. A failure is
 * kept too, so every test that needs the token reports the same failure and none retries the login.
 */
final class MintedToken implements AutoCloseable {
  /** Builds the account's harness, with the validity the first test asks for. */
  @FunctionalInterface
  interface Harnesses {
    LoginHarness build(Duration minValidity) throws HarnessException;
  }

  private final Harnesses harnesses;
  private LoginHarness harness;
  private TokenSet tokens;
  private HarnessException failure;

  MintedToken(Harnesses harnesses) {
    this.harnesses = harnesses;
  }

  /** A token valid for at least {@code minValidity}, or the failure to get one. */
  synchronized TokenSet get(Duration minValidity) throws HarnessException {
    if (failure != null) {
      throw failure;
    }
    if (tokens != null && tokens.validFor(minValidity, Clock.systemUTC().instant())) {
      return tokens;
    }
    try {
      if (harness == null) {
        harness = harnesses.build(minValidity);
      }
      tokens = harness.token();
      return tokens;
    } catch (HarnessException e) {
      failure = e;
      throw e;
    }
  }

  /** Forgets the token when the test run ends; a named store keeps it for the next run. */
  @Override
  public synchronized void close() {
    tokens = null;
    harness = null;
  }
}
