package dev.loginharness.cli;

import dev.loginharness.api.ConfigurationError;
import dev.loginharness.api.Credentials;
import dev.loginharness.api.DebugBundles;
import dev.loginharness.api.LoginHarness;
import dev.loginharness.secret.Secret;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** How to run a browser login: window or not, credentials, timeouts, browser and driver. */
final class BrowserLoginOptions {
  @ArgGroup(exclusive = true)
  Mode mode = new Mode();

  static final class Mode {
    @Option(
        names = "--headless",
        description = "No window; fill the login form (default with --username).")
    boolean headless;

    @Option(
        names = "--headful",
        description = "Visible window for a person (default without --username).")
    boolean headful;
  }

  @Option(
      names = "--username",
      paramLabel = "NAME",
      description = "Username or e-mail for the login form.")
  String username;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  PasswordSource password;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  OneTimeCodes otp;

  static final class OneTimeCodes {
    @Option(
        names = "--totp-secret-env",
        paramLabel = "VAR",
        description = "TOTP secret (base32, or an otpauth:// URI) in environment variable VAR.")
    String env;

    @Option(names = "--totp-secret-file", paramLabel = "FILE", description = "TOTP secret in FILE.")
    Path file;

    @Option(
        names = "--otp-command",
        paramLabel = "CMD",
        description =
            "Shell command whose output is the one-time code (a password manager, an SMS bridge).")
    String command;
  }

  @Option(
      names = "--debug-dir",
      paramLabel = "DIR|none",
      description =
          "Where a failed login leaves its bundle (screenshots, page, network, console, "
              + "timeline; secrets removed). Default: $TMPDIR/login-harness-debug/PROVIDER-TIME; none: no bundle.")
  String debugDir;

  @Option(names = "--trace", description = "Write the bundle for a successful login too.")
  boolean trace;

  @Option(
      names = "--on-challenge",
      paramLabel = "fail|headful",
      defaultValue = "fail",
      description =
          "When a headless login meets a captcha or device confirmation: fail with exit 6 "
              + "(default), or open a visible browser on the same login for you to finish (needs a display).")
  String onChallenge;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "Give up when no callback arrived after this long (default 120; headful: 600).")
  Long timeoutSeconds;

  @Option(
      names = "--step-timeout",
      paramLabel = "SECONDS",
      defaultValue = "10",
      description = "Longest wait for one login page (default ${DEFAULT-VALUE}).")
  long stepTimeoutSeconds;

  @Option(names = "--quiet", description = "No timeline on stderr.")
  boolean quiet;

  @Mixin DriverOptionsMixin driver;

  /**
   * Sets how logins run on {@code harness}: mode, credentials, timeouts, debug bundles, the
   * browser, and stderr for notices and (unless --quiet) the timeline. The password and one-time
   * code sources are read only when a login starts: {@code token --login-if-needed} with a valid
   * stored token reads no password.
   */
  LoginHarness.Builder applyTo(LoginHarness.Builder harness, PrintWriter err)
      throws UsageException, ConfigurationError {
    boolean headless = mode.headless || (!mode.headful && username != null);
    if (headless) {
      if (username == null || password == null) {
        throw new UsageException(
            "--headless needs --username and one of --password-env, "
                + "--password-file, --password-stdin");
      }
      harness.headless().credentials(this::credentials);
    } else {
      if (password != null) {
        throw new UsageException("a password source only makes sense with --headless");
      }
      harness.headful();
    }
    if (timeoutSeconds != null) {
      harness.timeout(Duration.ofSeconds(timeoutSeconds));
    }
    harness.stepTimeout(Duration.ofSeconds(stepTimeoutSeconds));
    if (!"none".equals(debugDir)) {
      DebugBundles bundles =
          debugDir != null ? DebugBundles.in(Path.of(debugDir)) : DebugBundles.temporary();
      harness.debugBundles(trace ? bundles.withTrace() : bundles);
    }
    harness.onChallenge(
        switch (onChallenge) {
          case "fail" -> LoginHarness.OnChallenge.FAIL;
          case "headful" -> LoginHarness.OnChallenge.HEADFUL;
          default ->
              throw new UsageException(
                  "--on-challenge must be fail or headful, not '" + onChallenge + "'");
        });
    harness.listener(new StderrListener(err, !quiet));
    return driver.options.applyTo(harness);
  }

  /** Reads the password and the one-time-code source; called when a login starts. */
  private Credentials credentials() throws ConfigurationError {
    Credentials credentials = Credentials.of(username, password.read());
    if (otp == null) {
      return credentials;
    }
    if (otp.command != null) {
      return credentials.withOtpCommand(otp.command);
    }
    String secret;
    if (otp.env != null) {
      secret = System.getenv(otp.env);
      if (secret == null || secret.isBlank()) {
        throw new ConfigurationError("--totp-secret-env " + otp.env + ": not set or empty");
      }
    } else {
      try {
        secret = Files.readString(otp.file);
      } catch (IOException e) {
        throw new ConfigurationError("--totp-secret-file " + otp.file + ": cannot read it");
      }
    }
    return credentials.withTotpSecret(Secret.of(secret.trim()));
  }
}
