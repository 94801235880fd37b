package dev.loginharness.cli;

import dev.loginharness.browser.BrowserConfigException;
import dev.loginharness.browser.BrowserUnavailableException;
import dev.loginharness.flow.LoginFailedException;
import dev.loginharness.oauth.TokenEndpointException;
import dev.loginharness.flow.Credentials;
import dev.loginharness.flow.LoginFlow;
import dev.loginharness.flow.LoginResult;
import dev.loginharness.oauth.TokenClient;
import dev.loginharness.provider.ConfigException;
import dev.loginharness.provider.ProviderProfile;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** How to run a browser login: window or not, credentials, timeouts, browser and driver. */
final class BrowserLoginOptions {
  @ArgGroup(exclusive = true)
  Mode mode = new Mode();

  static final class Mode {
    @Option(names = "--headless", description = "No window; fill the login form (default with --username).")
    boolean headless;

    @Option(names = "--headful", description = "Visible window for a person (default without --username).")
    boolean headful;
  }

  @Option(names = "--username", paramLabel = "NAME", description = "Username or e-mail for the login form.")
  String username;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  PasswordSource password;

  @Option(names = "--timeout", paramLabel = "SECONDS",
      description = "Give up when no callback arrived after this long (default 120; headful: 600).")
  Long timeoutSeconds;

  @Option(names = "--step-timeout", paramLabel = "SECONDS", defaultValue = "20",
      description = "Longest wait for one login page (default ${DEFAULT-VALUE}).")
  long stepTimeoutSeconds;

  @Option(names = "--quiet", description = "No timeline on stderr.")
  boolean quiet;

  @Mixin
  DriverOptionsMixin driver;

  /** Runs the login and prints its timeline on {@code err} (unless --quiet). */
  LoginResult login(ProviderProfile profile, PrintWriter err) throws LoginFailedException,
      TokenEndpointException, BrowserUnavailableException, ConfigException {
    boolean headless = mode.headless || (!mode.headful && username != null);
    Optional<Credentials> credentials = credentials(headless);
    Duration timeout = Duration.ofSeconds(timeoutSeconds != null ? timeoutSeconds : headless ? 120 : 600);
    if (profile.isImplicit()) {
      err.println("login-harness: warning: provider " + profile.name() + " uses the implicit grant "
          + "(responseType token), which OAuth 2.1 removed; there will be no refresh token");
      err.flush();
    }
    LoginResult result = new LoginFlow(profile, profile.tokenEndpoint(System::getenv),
        browsers(), TokenClient.shared(),
        new LoginFlow.Options(headless, credentials, timeout, Duration.ofSeconds(stepTimeoutSeconds)))
        .run();
    if (!quiet) {
      err.println(result.timeline().toLine());
      err.flush();
    }
    return result;
  }

  private dev.loginharness.browser.Browsers browsers() throws ConfigException {
    try {
      return driver.options.browsers();
    } catch (BrowserConfigException e) {
      throw new ConfigException(e.getMessage());
    }
  }

  private Optional<Credentials> credentials(boolean headless) throws ConfigException {
    if (!headless) {
      if (password != null) {
        throw new ConfigException("a password source only makes sense with --headless");
      }
      return Optional.empty();
    }
    if (username == null || password == null) {
      throw new ConfigException("--headless needs --username and one of --password-env, "
          + "--password-file, --password-stdin");
    }
    return Optional.of(new Credentials(username, password.read()));
  }
}
