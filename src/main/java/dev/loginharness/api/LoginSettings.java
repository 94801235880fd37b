package dev.loginharness.api;

import dev.loginharness.browser.BrowserConfigException;
import dev.loginharness.browser.Browsers;
import dev.loginharness.browser.DriverSettings;
import dev.loginharness.oauth.TokenEndpoint;
import dev.loginharness.provider.ConfigException;
import dev.loginharness.provider.ProviderProfile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What every browser login of one harness runs with, a single login or a mint's many.
 *
 * @param driversFile drivers.properties if the builder named one (else the default lookup)
 * @param driverOverrides applied over the file and the environment
 */
record LoginSettings(
    ProviderProfile profile,
    Duration timeout,
    Duration stepTimeout,
    Optional<Path> driversFile,
    DriverOverrides driverOverrides,
    DebugBundles debugBundles,
    LoginListener listener) {

  /**
   * The browsers are set up when a login needs them, not at {@link LoginHarness.Builder#build()}:
   * refreshing, checking or revoking must not fail because of a driver setting nothing will use.
   */
  Browsers browsers() throws BrowserConfigException {
    DriverSettings settings =
        driverOverrides.applyTo(DriverSettings.load(driversFile, System.getenv()));
    return new Browsers(settings, System.getenv());
  }

  /** The token endpoint as logins use it; the client's secret is looked up only now. */
  TokenEndpoint loginEndpoint() throws ConfigException {
    return profile.loginTokenEndpoint(System::getenv);
  }

  /** Tells the listener, when the profile uses the implicit grant, what that costs. */
  void noticeImplicitGrant(String consequence) {
    if (profile.isImplicit()) {
      listener.notice(
          "login-harness: warning: provider "
              + profile.name()
              + " uses the implicit "
              + consequence);
    }
  }
}
