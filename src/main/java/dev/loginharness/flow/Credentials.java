package dev.loginharness.flow;

import dev.loginharness.secret.Secret;

/** What the form filler types in a headless login. */
public record Credentials(String username, Secret password) {
  @Override
  public String toString() {
    return "Credentials[" + username + ", ***]";
  }
}
