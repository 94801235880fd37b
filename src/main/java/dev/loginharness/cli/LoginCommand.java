package dev.loginharness.cli;

import dev.loginharness.flow.Credentials;
import dev.loginharness.flow.LoginFlow;
import dev.loginharness.flow.LoginResult;
import dev.loginharness.oauth.TokenClient;
import dev.loginharness.oauth.TokenEndpoint;
import dev.loginharness.provider.ConfigException;
import dev.loginharness.provider.ProfileLoader;
import dev.loginharness.provider.ProviderProfile;
import dev.loginharness.secret.Secret;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(
    name = "login",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Logs into the provider in a real Chromium and prints the tokens on stdout.",
        "Headless: fills the login form with --username and a password source.",
        "Headful: opens a window; you sign in (captcha, 2FA, consent) and the code is",
        "captured the moment the browser is sent to the redirect URI."},
    footer = {"", "Examples:",
        "  MY_PASS=… login-harness login --provider ./my-provider.json --headless \\",
        "      --username alice --password-env MY_PASS",
        "  login-harness login --provider ./my-provider.json --headful"})
final class LoginCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--provider", required = true, paramLabel = "FILE|NAME",
      description = "Provider profile: a JSON file, or the name of a built-in profile.")
  String provider;

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

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json",
      description = "json (default) | env | token | header.")
  String format;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
      description = "Give up when no callback arrived after this long (default ${DEFAULT-VALUE}; headful: 600).")
  long timeoutSeconds;

  @Option(names = "--step-timeout", paramLabel = "SECONDS", defaultValue = "20",
      description = "Longest wait for one login page (default ${DEFAULT-VALUE}).")
  long stepTimeoutSeconds;

  @Option(names = "--quiet", description = "No timeline on stderr.")
  boolean quiet;

  @Mixin
  DriverOptionsMixin driver;

  @Override
  public Integer call() throws Exception {
    TokenOutput output = Formats.parse(format);
    ProviderProfile profile = ProfileLoader.load(provider);
    boolean headless = mode.headless || (!mode.headful && username != null);
    Optional<Credentials> credentials = credentials(headless);
    Duration timeout = Duration.ofSeconds(
        !headless && !spec.commandLine().getParseResult().hasMatchedOption("--timeout") ? 600 : timeoutSeconds);
    TokenEndpoint endpoint = profile.tokenEndpoint(System::getenv);
    LoginResult result = new LoginFlow(profile, endpoint, driver.options.browsers(),
        TokenClient.shared(),
        new LoginFlow.Options(headless, credentials, timeout, Duration.ofSeconds(stepTimeoutSeconds)))
        .run();
    if (!quiet) {
      spec.commandLine().getErr().println(result.timeline().toLine());
      spec.commandLine().getErr().flush();
    }
    spec.commandLine().getOut().println(output.render(result.tokens()));
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }

  private Optional<Credentials> credentials(boolean headless) throws UsageException, ConfigException {
    if (!headless) {
      if (password != null) {
        throw new UsageException("a password source only makes sense with --headless");
      }
      return Optional.empty();
    }
    if (username == null || password == null) {
      throw new UsageException("--headless needs --username and one of --password-env, "
          + "--password-file, --password-stdin");
    }
    Secret secret = password.read();
    return Optional.of(new Credentials(username, secret));
  }
}
