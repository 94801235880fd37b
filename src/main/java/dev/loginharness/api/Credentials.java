package dev.loginharness.api;

import dev.loginharness.browser.OtpSource;
import dev.loginharness.browser.Totp;
import dev.loginharness.secret.Secret;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

/**
 * Who logs in, for headless logins. Read from environment variables — or, when a variable is
 * not set, a JVM system property of the same name (handy in Surefire configuration and tests).
 */
public final class Credentials {
  private final String username;
  private final Secret password;
  private final Optional<Secret> totpSecret;

  private Credentials(String username, Secret password, Optional<Secret> totpSecret) {
    this.username = username;
    this.password = password;
    this.totpSecret = totpSecret;
  }

  public static Credentials of(String username, Secret password) {
    return new Credentials(username, password, Optional.empty());
  }

  /** Username and password from the named variables. */
  public static Credentials fromEnv(String usernameVar, String passwordVar) throws ConfigurationError {
    return fromEnv(usernameVar, passwordVar, null);
  }

  /** As {@link #fromEnv(String, String)}, with a TOTP secret (base32 or otpauth://) from {@code totpVar}. */
  public static Credentials fromEnv(String usernameVar, String passwordVar, String totpVar)
      throws ConfigurationError {
    return fromLookup(Credentials::lookup, usernameVar, passwordVar, totpVar);
  }

  static Credentials fromLookup(Function<String, String> lookup, String usernameVar,
      String passwordVar, String totpVar) throws ConfigurationError {
    String username = required(lookup, usernameVar, "username");
    Secret password = Secret.of(required(lookup, passwordVar, "password"));
    Optional<Secret> totp = totpVar == null || totpVar.isEmpty() ? Optional.empty()
        : Optional.of(Secret.of(required(lookup, totpVar, "TOTP secret")));
    return new Credentials(username, password, totp);
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
      throw new ConfigurationError("the " + what + " variable " + var
          + " is set neither in the environment nor as a system property", null);
    }
    return value;
  }

  dev.loginharness.flow.Credentials toFlow() throws ConfigurationError {
    Optional<OtpSource> otp = Optional.empty();
    if (totpSecret.isPresent()) {
      try {
        otp = Optional.of(OtpSource.totp(Totp.parse(totpSecret.get().reveal()), Clock.systemUTC()));
      } catch (IllegalArgumentException e) {
        throw new ConfigurationError("TOTP secret: " + e.getMessage(), null);
      }
    }
    return new dev.loginharness.flow.Credentials(username, password, otp);
  }

  public String username() {
    return username;
  }

  @Override
  public String toString() {
    return "Credentials[" + username + ", ***]";
  }
}
