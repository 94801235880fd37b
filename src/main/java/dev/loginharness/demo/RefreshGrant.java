package dev.loginharness.demo;

import java.util.Objects;
import java.util.Optional;

/** What a refresh token stands for. The token string is only a key in {@link Grants}. */
record RefreshGrant(String clientId, String username, Optional<String> scope, String family) {
  RefreshGrant {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(family, "family");
  }
}
