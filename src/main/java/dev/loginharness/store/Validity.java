package dev.loginharness.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a stored access token is good enough to hand out. Shared by the lean reader ({@link
 * CachedToken}) and the full path ({@link StoredTokens}), so the two can never disagree about
 * whether a token needs a refresh. Plain {@code java.time}: the lean path must stay lean.
 */
final class Validity {
  private Validity() {}

  /**
   * True if the token has at least {@code minValidity} left — or, when the provider issues tokens
   * that live no longer than {@code minValidity} (so no refresh could ever meet it), at least half
   * of its lifetime left. Without that second rule every call would refresh: twenty scripts asking
   * at once for a token that lives 5 s with the default margin of 60 s would refresh twenty times,
   * each rotating the refresh token, although the first refresh gave them the best token there can
   * be. Without an expiry the token counts as valid: the provider gave no reason to think
   * otherwise, and the API call itself will say.
   */
  static boolean goodFor(
      Optional<Instant> expiresAt, Instant obtainedAt, Duration minValidity, Instant now) {
    if (expiresAt.isEmpty()) {
      return true;
    }
    Instant at = expiresAt.get();
    Duration lifetime = Duration.between(obtainedAt, at);
    Duration margin =
        lifetime.compareTo(minValidity) <= 0 && !lifetime.isNegative()
            ? lifetime.dividedBy(2)
            : minValidity;
    return at.isAfter(now.plus(margin));
  }
}
