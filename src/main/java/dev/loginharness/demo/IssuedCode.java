package dev.loginharness.demo;

import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the provider remembers about an authorization code. The code itself is only the map key in
 * {@link Grants}, so nothing here can leak it through a toString().
 *
 * @param username the account that signed in, the subject of every token descended from the code
 * @param issuedNanos {@link System#nanoTime()} right before the redirect carrying the code was sent
 * @param issuedAt the same moment by the provider's clock
 * @param family shared with every token descended from this code, so a replayed code can revoke
 *     them all (RFC 6749 4.1.2), as can revoking a refresh token (RFC 7009 2.1)
 */
record IssuedCode(
    PendingAuthorization request,
    String username,
    long issuedNanos,
    Instant issuedAt,
    String family,
    AtomicBoolean redeemed) {

  IssuedCode {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(redeemed, "redeemed");
  }

  static IssuedCode issueNow(PendingAuthorization request, String username, Instant issuedAt) {
    return new IssuedCode(
        request, username, System.nanoTime(), issuedAt, Randoms.id(), new AtomicBoolean());
  }

  /** True exactly once: the first caller wins, even when two token requests race. */
  boolean redeem() {
    return redeemed.compareAndSet(false, true);
  }
}
