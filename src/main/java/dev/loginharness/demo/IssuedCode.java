package dev.loginharness.demo;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the provider remembers about an authorization code. The code itself is only the map key in
 * {@link Grants}, so nothing here can leak it through a toString().
 *
 * @param issuedNanos {@link System#nanoTime()} right before the redirect carrying the code was sent
 * @param issuedAt    the same moment by the provider's clock
 * @param family      shared with every refresh token descended from this code, so a replayed code
 *                    can revoke them all (RFC 6749 4.1.2)
 */
record IssuedCode(PendingAuthorization request, long issuedNanos, Instant issuedAt, String family, AtomicBoolean redeemed) {

    static IssuedCode issueNow(PendingAuthorization request, Instant issuedAt) {
        return new IssuedCode(request, System.nanoTime(), issuedAt, Randoms.id(), new AtomicBoolean());
    }

    /** True exactly once: the first caller wins, even when two token requests race. */
    boolean redeem() {
        return redeemed.compareAndSet(false, true);
    }
}
