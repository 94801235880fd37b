package dev.loginharness.flow;

import dev.loginharness.browser.Credentials;
import dev.loginharness.browser.OtpSource;
import dev.loginharness.browser.Totp;
import dev.loginharness.provider.ConfigException;
import dev.loginharness.secret.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of an accounts file: who to log in as and where that account's secrets live. The file
 * names environment variables and files, never the secrets, so it can be checked in.
 *
 * @param where the row's place in its file ("accounts.csv line 3"), for messages
 * @param passwordEnv exactly one of this and {@code passwordFile} is present
 */
public record AccountSpec(
    String account,
    String username,
    Optional<String> passwordEnv,
    Optional<Path> passwordFile,
    Optional<String> totpSecretEnv,
    String where) {
  public AccountSpec {
    Objects.requireNonNull(account);
    Objects.requireNonNull(username);
    Objects.requireNonNull(where);
    if (passwordEnv.isPresent() == passwordFile.isPresent()) {
      throw new IllegalArgumentException(where + ": exactly one of password_env and password_file");
    }
  }

  /**
   * Reads this account's password (and TOTP secret) from {@code env} or its file. A message names
   * the row, the field and the variable or file — never what was read.
   */
  public Credentials credentials(Map<String, String> env) throws ConfigException {
    Secret password =
        passwordEnv.isPresent()
            ? fromEnv(env, "password_env", passwordEnv.get())
            : fromFile(passwordFile.get());
    Optional<OtpSource> otp = Optional.empty();
    if (totpSecretEnv.isPresent()) {
      Secret secret = fromEnv(env, "totp_secret_env", totpSecretEnv.get());
      try {
        otp = Optional.of(OtpSource.totp(Totp.parse(secret.reveal()), Clock.systemUTC()));
      } catch (IllegalArgumentException e) {
        // Totp.parse promises its message never contains the input.
        throw new ConfigException(
            where + ": totp_secret_env " + totpSecretEnv.get() + ": " + e.getMessage());
      }
    }
    return new Credentials(username, password, otp);
  }

  private Secret fromEnv(Map<String, String> env, String field, String variable)
      throws ConfigException {
    String value = env.get(variable);
    if (value == null || value.isEmpty()) {
      throw new ConfigException(where + ": " + field + " " + variable + " is not set or empty");
    }
    return Secret.of(value);
  }

  /** The first line, as --password-file reads it, so the same file works for both. */
  private Secret fromFile(Path file) throws ConfigException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(
          where
              + ": password_file "
              + file
              + ": cannot read it ("
              + e.getClass().getSimpleName()
              + ")");
    }
    int nl = text.indexOf('\n');
    String line = (nl < 0 ? text : text.substring(0, nl)).replace("\r", "");
    if (line.isEmpty()) {
      throw new ConfigException(where + ": password_file " + file + ": the password is empty");
    }
    return Secret.of(line);
  }

  @Override
  public String toString() {
    return "AccountSpec[" + account + ", " + username + ", " + where + "]";
  }
}
