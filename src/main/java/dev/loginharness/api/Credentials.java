package dev.loginharness.api;

import dev.loginharness.browser.OtpSource;
import dev.loginharness.browser.Totp;
import dev.loginharness.secret.Secret;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Who logs in, for headless logins: a username, a password and, for a one-time-code step, where the
 * code comes from. Immutable; each {@code with…} returns a copy. Secrets are checked when the value
 * is made (a malformed TOTP secret fails here, not half-way through a login), and {@link
 * #toString()} shows only the username.
 */
public final class Credentials {
  /** How long {@link #withOtpCommand} waits for the command to print a code. */
  private static final Duration OTP_COMMAND_TIMEOUT = Duration.ofSeconds(60);

  private final String username;
  private final Secret password;
  private final Optional<OtpSource> otp;

  private Credentials(String username, Secret password, Optional<OtpSource> otp) {
    this.username = username;
    this.password = password;
    this.otp = otp;
  }

  /**
   * Read only when a login is about to start, not when the harness is built: {@code token()}
   * usually finds a stored token, and then no password needs to be fetched at all (from a vault, a
   * prompt, standard input).
   */
  @FunctionalInterface
  public interface Source {
    /** The credentials; a {@link ConfigurationError} naming what is missing, never its value. */
    Credentials read() throws ConfigurationError;
  }

  public static Credentials of(String username, Secret password) {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    return new Credentials(username, password, Optional.empty());
  }

  /**
   * Username and password from the named environment variables — or, when a variable is not set, a
   * JVM system property of the same name (handy in Surefire configuration and tests).
   */
  public static Credentials fromEnv(String usernameVar, String passwordVar)
      throws ConfigurationError {
    return fromEnv(usernameVar, passwordVar, null);
  }

  /**
   * As {@link #fromEnv(String, String)}, with a TOTP secret (base32 or otpauth://) from {@code
   * totpVar}.
   */
  public static Credentials fromEnv(String usernameVar, String passwordVar, String totpVar)
      throws ConfigurationError {
    return fromLookup(Credentials::lookup, usernameVar, passwordVar, totpVar);
  }

  static Credentials fromLookup(
      Function<String, String> lookup, String usernameVar, String passwordVar, String totpVar)
      throws ConfigurationError {
    String username = required(lookup, usernameVar, "username");
    Credentials credentials = of(username, Secret.of(required(lookup, passwordVar, "password")));
    return totpVar == null || totpVar.isEmpty()
        ? credentials
        : credentials.withTotpSecret(Secret.of(required(lookup, totpVar, "TOTP secret")));
  }

  /**
   * Answers a one-time-code step with RFC 6238 codes from {@code secret}: base32, or an {@code
   * otpauth://} URI (SHA-1/256/512, 6–8 digits). Replaces any other code source.
   *
   * @throws ConfigurationError when the secret cannot be read; the message never quotes it
   */
  public Credentials withTotpSecret(Secret secret) throws ConfigurationError {
    Objects.requireNonNull(secret, "secret");
    try {
      return new Credentials(
          username,
          password,
          Optional.of(OtpSource.totp(Totp.parse(secret.reveal().trim()), Clock.systemUTC())));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationError("TOTP secret: " + e.getMessage(), null);
    }
  }

  /**
   * Answers a one-time-code step with the output of a shell command ({@code sh -c}): a password
   * manager, an SMS bridge. It runs only when a page asks for a code, with a 60 s limit. Replaces
   * any other code source.
   *
   * @throws ConfigurationError when the command is blank
   */
  public Credentials withOtpCommand(String shellCommand) throws ConfigurationError {
    Objects.requireNonNull(shellCommand, "shellCommand");
    if (shellCommand.isBlank()) {
      throw new ConfigurationError("the one-time-code command is empty", null);
    }
    return new Credentials(
        username,
        password,
        Optional.of(OtpSource.command(List.of("sh", "-c", shellCommand), OTP_COMMAND_TIMEOUT)));
  }

  /** Whether every named variable is set, for conditions that skip tests without credentials. */
  public static boolean available(String... vars) {
    for (String var : vars) {
      if (var != null && !var.isEmpty() && lookup(var) == null) {
        return false;
      }
    }
    return true;
  }

  static String lookup(String var) {
    String value = System.getenv(var);
    if (value == null || value.isEmpty()) {
      value = System.getProperty(var);
    }
    return value == null || value.isEmpty() ? null : value;
  }

  private static String required(Function<String, String> lookup, String var, String what)
      throws ConfigurationError {
    if (var == null || var.isEmpty()) {
      throw new ConfigurationError("no variable named for the " + what, null);
    }
    String value = lookup.apply(var);
    if (value == null || value.isEmpty()) {
      throw new ConfigurationError(
          "the "
              + what
              + " variable "
              + var
              + " is set neither in the environment nor as a system property",
          null);
    }
    return value;
  }

  dev.loginharness.browser.Credentials toFlow() {
    return new dev.loginharness.browser.Credentials(username, password, otp);
  }

  public String username() {
    return username;
  }

  /** Whether a one-time-code step can be answered. */
  public boolean hasOneTimeCodes() {
    return otp.isPresent();
  }

  @Override
  public String toString() {
    return "Credentials[" + username + ", ***]";
  }
}
