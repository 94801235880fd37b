package dev.loginharness.api;

import dev.loginharness.browser.BrowserConfigException;
import dev.loginharness.browser.BrowserUnavailableException;
import dev.loginharness.browser.Browsers;
import dev.loginharness.flow.BrowserSources;
import dev.loginharness.flow.CodeExchanger;
import dev.loginharness.flow.LoginFailedException;
import dev.loginharness.flow.LoginFlow;
import dev.loginharness.flow.LoginResult;
import dev.loginharness.oauth.TokenClient;
import dev.loginharness.oauth.TokenEndpointException;
import dev.loginharness.oauth.TokenSet;
import dev.loginharness.provider.ConfigException;
import java.util.Optional;

/** One browser login of a harness: its credentials read, its browsers set up, the flow run. */
final class BrowserLogin {
  private final LoginSettings settings;
  private final boolean headless;
  private final Optional<Credentials.Source> credentials;
  private final LoginHarness.OnChallenge onChallenge;

  BrowserLogin(
      LoginSettings settings,
      boolean headless,
      Optional<Credentials.Source> credentials,
      LoginHarness.OnChallenge onChallenge) {
    this.settings = settings;
    this.headless = headless;
    this.credentials = credentials;
    this.onChallenge = onChallenge;
  }

  TokenSet run()
      throws LoginFailedException,
          TokenEndpointException,
          BrowserUnavailableException,
          ConfigException {
    Optional<dev.loginharness.browser.Credentials> flowCredentials = Optional.empty();
    if (credentials.isPresent()) {
      try {
        flowCredentials = Optional.of(credentials.get().read().toFlow());
      } catch (ConfigurationError e) {
        throw new ConfigException(e.getMessage());
      }
    }
    settings.noticeImplicitGrant(
        "grant (responseType token), which OAuth 2.1 removed; there will be no refresh token");
    DebugBundles bundles = settings.debugBundles();
    LoginListener listener = settings.listener();
    LoginFlow.Debug debug =
        bundles.enabled()
            ? new LoginFlow.Debug(
                bundles.directoryFor(settings.profile().name()), bundles.trace(), listener::notice)
            : LoginFlow.Debug.OFF;
    Browsers browsers;
    try {
      browsers = settings.browsers();
    } catch (BrowserConfigException e) {
      throw new ConfigException(e.getMessage());
    }
    LoginResult result =
        new LoginFlow(
                settings.profile(),
                BrowserSources.of(browsers),
                CodeExchanger.at(TokenClient.shared(), settings.loginEndpoint()),
                new LoginFlow.Options(
                    headless,
                    flowCredentials,
                    settings.timeout(),
                    settings.stepTimeout(),
                    debug,
                    onChallenge == LoginHarness.OnChallenge.HEADFUL))
            .run();
    listener.loginFinished(LoginTimeline.of(result.timeline()));
    return result.tokens();
  }
}
