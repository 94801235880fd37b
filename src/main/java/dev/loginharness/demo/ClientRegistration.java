package dev.loginharness.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The one client the provider knows.
 *
 * @param secret empty for a public client, which must then prove possession with PKCE alone
 * @param redirectUris compared by exact string match (RFC 6749 3.1.2.2, OAuth 2.1): no prefix or
 *     pattern matching, which is what open-redirect bugs are made of
 */
record ClientRegistration(String id, Optional<String> secret, Set<String> redirectUris) {
  ClientRegistration {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(secret, "secret");
    redirectUris = Set.copyOf(redirectUris);
  }

  boolean confidential() {
    return secret.isPresent();
  }

  /** Constant-time, so response timing does not reveal how much of a guess was right. */
  boolean secretMatches(String candidate) {
    return secret
        .map(
            s ->
                MessageDigest.isEqual(
                    s.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8)))
        .orElse(false);
  }

  @Override
  public String toString() {
    return "ClientRegistration[id="
        + id
        + ", confidential="
        + confidential()
        + ", redirectUris="
        + redirectUris
        + "]";
  }
}
