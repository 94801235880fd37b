package dev.loginharness.api;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the token store holds for one provider and account, without the tokens: what {@code
 * login-harness status} shows, like {@code gh auth status}.
 *
 * @param tokenEndpoint the server that issued the tokens (empty in a file that does not say)
 * @param clientId the client they were issued to (empty in a file that does not say)
 * @param expiresAt when the access token expires; empty when the provider did not say
 * @param refreshable whether a refresh token is stored and the provider has not refused it
 * @param refreshRefusedAt when the provider answered {@code invalid_grant} to the refresh token
 * @param problem why the entry could not be read (corrupt, readable by others); the other fields
 *     are then empty
 */
public record StoredEntry(
    String provider,
    String account,
    Optional<URI> tokenEndpoint,
    Optional<String> clientId,
    Optional<Instant> obtainedAt,
    Optional<Instant> expiresAt,
    boolean refreshable,
    Optional<Instant> refreshRefusedAt,
    Optional<String> problem) {

  /** Whether the access token is still valid at {@code now} (true when no expiry is known). */
  public boolean validAt(Instant now) {
    return problem.isEmpty() && expiresAt.map(now::isBefore).orElse(true);
  }

  /** The time left at {@code now}, when an expiry is known; negative once expired. */
  public Optional<Duration> timeLeft(Instant now) {
    return expiresAt.map(at -> Duration.between(now, at));
  }
}
