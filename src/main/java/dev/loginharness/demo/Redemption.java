package dev.loginharness.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One successful authorization-code exchange, as observed by the provider.
 *
 * @param clientId the client that redeemed the code
 * @param codeAge time from issuing the code (just before its redirect was sent) to the arrival of
 *     the token request, measured with {@link System#nanoTime()} so that it is precise and immune
 *     to wall-clock jumps; this is what "how fast does the harness redeem a code" benchmarks look
 *     at
 * @param redeemedAt when the exchange happened, according to the provider's {@link java.time.Clock}
 */
public record Redemption(String clientId, Duration codeAge, Instant redeemedAt) {
  public Redemption {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(codeAge, "codeAge");
    Objects.requireNonNull(redeemedAt, "redeemedAt");
  }
}
