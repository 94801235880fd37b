package dev.loginharness.junit;

import dev.loginharness.api.Credentials;
import dev.loginharness.api.HarnessException;
import dev.loginharness.api.LoginHarness;
import dev.loginharness.oauth.TokenSet;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * One provider/account's token for the whole test run, kept in JUnit's root store. The first test
 * that needs it mints it; later tests get the same token, refreshed when near expiry. A failure is
 * kept too, so every test that needs the token reports the same failure and none retries the login.
 */
final class MintedToken implements AutoCloseable {
  private final TokenKey key;
  private final Path store;
  private LoginHarness harness;
  private TokenSet tokens;
  private HarnessException failure;

  MintedToken(TokenKey key, Path store) {
    this.key = key;
    this.store = store;
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
        LoginHarness.Builder builder =
            LoginHarness.forProvider(key.profile())
                .account(key.account())
                .credentials(
                    Credentials.fromEnv(key.usernameEnv(), key.passwordEnv(), key.totpSecretEnv()))
                .minValidity(minValidity)
                .store(store)
                .headless();
        harness = builder.build();
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
