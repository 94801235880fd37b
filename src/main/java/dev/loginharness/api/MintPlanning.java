package dev.loginharness.api;

import dev.loginharness.flow.AccountsFile;
import dev.loginharness.flow.Mint;
import dev.loginharness.flow.TokenService;
import dev.loginharness.oauth.TokenClient;
import dev.loginharness.store.TokenStore;
import java.nio.file.Path;
import java.util.List;

/**
 * Turns an accounts file into a {@link MintPlan}: the file read whole, every account's secrets and
 * store name checked, and the workers that will log them in set up with the harness's login
 * settings — all before any browser starts.
 */
final class MintPlanning {
  private MintPlanning() {}

  static MintPlan plan(
      LoginSettings settings,
      TokenStore store,
      TokenService service,
      Path accountsFile,
      int parallel,
      MintPlan.BrowserUse browsers)
      throws ConfigurationError {
    return ErrorMapping.configuring(
        () -> {
          List<Mint.Account> accounts =
              Mint.prepare(
                  AccountsFile.read(accountsFile), System.getenv(), store, settings.profile());
          DebugBundles bundles = settings.debugBundles();
          LoginListener listener = settings.listener();
          Mint.Workers workers =
              Mint.browserLogins(
                  settings.profile(),
                  settings.loginEndpoint(),
                  settings.browsers(),
                  TokenClient.shared(),
                  new Mint.BrowserSettings(
                      settings.timeout(),
                      settings.stepTimeout(),
                      bundles.directoryFor(settings.profile().name()),
                      bundles.trace(),
                      browsers == MintPlan.BrowserUse.SHARED),
                  listener::notice,
                  timeline -> listener.loginFinished(LoginTimeline.of(timeline)));
          settings.noticeImplicitGrant("grant; no account will get a refresh token");
          return new MintPlan(accounts, new Mint(settings.profile(), service, workers, parallel));
        });
  }
}
