package dev.loginharness.cli;

import dev.loginharness.browser.BrowserConfigException;
import dev.loginharness.browser.BrowserUnavailableException;
import dev.loginharness.browser.OtpSource;
import dev.loginharness.browser.Totp;
import dev.loginharness.flow.LoginFailedException;
import dev.loginharness.oauth.TokenEndpointException;
import dev.loginharness.flow.Credentials;
import dev.loginharness.flow.LoginFlow;
import dev.loginharness.flow.LoginResult;
import dev.loginharness.oauth.TokenClient;
import dev.loginharness.provider.ConfigException;
import dev.loginharness.provider.ProviderProfile;
import java.io.PrintWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
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

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  OneTimeCodes otp;

  static final class OneTimeCodes {
    @Option(names = "--totp-secret-env", paramLabel = "VAR",
        description = "TOTP secret (base32, or an otpauth:// URI) in environment variable VAR.")
    String env;

    @Option(names = "--totp-secret-file", paramLabel = "FILE", description = "TOTP secret in FILE.")
    Path file;

    @Option(names = "--otp-command", paramLabel = "CMD",
        description = "Shell command whose output is the one-time code (a password manager, an SMS bridge).")
    String command;
  }

  @Option(names = "--debug-dir", paramLabel = "DIR|none",
      description = "Where a failed login leaves its bundle (screenshots, page, network, console, "
          + "timeline; secrets removed). Default: $TMPDIR/login-harness-debug/PROVIDER-TIME; none: no bundle.")
  String debugDir;

  @Option(names = "--trace", description = "Write the bundle for a successful login too.")
  boolean trace;

  @Option(names = "--on-challenge", paramLabel = "fail|headful", defaultValue = "fail",
      description = "When a headless login meets a captcha or device confirmation: fail with exit 6 "
          + "(default), or open a visible browser on the same login for you to finish (needs a display).")
  String onChallenge;

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
    LoginFlow.Debug debug = "none".equals(debugDir) ? LoginFlow.Debug.OFF
        : new LoginFlow.Debug(Optional.of(debugDir != null ? Path.of(debugDir)
            : Path.of(System.getProperty("java.io.tmpdir"), "login-harness-debug", profile.name()
                + "-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss.SSS").format(LocalDateTime.now()))),
            trace, message -> {
              err.println(message);
              err.flush();
            });
    LoginResult result = new LoginFlow(profile, profile.tokenEndpoint(System::getenv),
        browsers(), TokenClient.shared(), new LoginFlow.Options(headless, credentials, timeout,
            Duration.ofSeconds(stepTimeoutSeconds), debug, onChallengeHeadful()))
        .run();
    if (!quiet) {
      err.println(result.timeline().toLine());
      err.flush();
    }
    return result;
  }

  private boolean onChallengeHeadful() throws ConfigException {
    return switch (onChallenge) {
      case "fail" -> false;
      case "headful" -> true;
      default -> throw new ConfigException("--on-challenge must be fail or headful, not '" + onChallenge + "'");
    };
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
    return Optional.of(new Credentials(username, password.read(), oneTimeCodes()));
  }

  private Optional<OtpSource> oneTimeCodes() throws ConfigException {
    if (otp == null) {
      return Optional.empty();
    }
    if (otp.command != null) {
      return Optional.of(OtpSource.command(List.of("sh", "-c", otp.command), Duration.ofSeconds(60)));
    }
    String secret;
    if (otp.env != null) {
      secret = System.getenv(otp.env);
      if (secret == null || secret.isBlank()) {
        throw new ConfigException("--totp-secret-env " + otp.env + ": not set or empty");
      }
    } else {
      try {
        secret = Files.readString(otp.file).trim();
      } catch (IOException e) {
        throw new ConfigException("--totp-secret-file " + otp.file + ": cannot read it");
      }
    }
    try {
      return Optional.of(OtpSource.totp(Totp.parse(secret.trim()), Clock.systemUTC()));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("TOTP secret: " + e.getMessage());
    }
  }
}
