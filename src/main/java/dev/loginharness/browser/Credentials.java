package dev.loginharness.browser;

import dev.loginharness.secret.Secret;
import java.util.Optional;

/**
 * What the form filler types in a headless login; {@code otp} answers a one-time-code step. The
 * public API's own {@code dev.loginharness.api.Credentials} becomes this one.
 */
public record Credentials(String username, Secret password, Optional<OtpSource> otp) {
  public Credentials(String username, Secret password) {
    this(username, password, Optional.empty());
  }

  @Override
  public String toString() {
    return "Credentials[" + username + ", ***]";
  }
}
