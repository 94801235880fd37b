package dev.loginharness.demo;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What an access token stands for. The token string is only a key in {@link Grants}.
 *
 * @param username the signed-in account; empty for a client-credentials token, which has no user
 * @param family the grant the token descends from; revoking a refresh token of the same family
 *     revokes this token too (RFC 7009 2.1)
 * @param expiresAt by the provider's {@link java.time.Clock}: issue time plus the configured
 *     lifetime
 */
record AccessGrant(
    String clientId,
    Optional<String> username,
    Optional<String> scope,
    String family,
    Instant expiresAt) {
  AccessGrant {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** Usable strictly before {@link #expiresAt()}. */
  boolean activeAt(Instant now) {
    return now.isBefore(expiresAt);
  }
}
