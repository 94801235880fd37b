package dev.loginharness.api;

import java.time.Instant;
import java.util.Optional;

/**
 * How one account of a {@link MintPlan} ended.
 *
 * @param expiresAt when the new access token expires, for a success that says
 * @param error one line, redacted, free of secrets; empty on success
 */
public record MintOutcome(
    String account, Optional<Instant> expiresAt, long elapsedMillis, Optional<String> error) {
  public boolean ok() {
    return error.isEmpty();
  }
}
