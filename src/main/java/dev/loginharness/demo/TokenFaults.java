package dev.loginharness.demo;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** The {@link TokenFault} the first {@code times} token requests get, and how many got it. */
final class TokenFaults {
  private final TokenFault fault;
  private final AtomicInteger remaining;
  private final AtomicInteger served = new AtomicInteger();
  private final Optional<Duration> retryAfter;

  TokenFaults(TokenFault fault, int times, Optional<Duration> retryAfter) {
    this.fault = fault;
    this.remaining = new AtomicInteger(fault == null ? 0 : times);
    this.retryAfter = retryAfter;
  }

  /** The fault for this request, if it is one of the first {@code times}. */
  Optional<TokenFault> next() {
    if (fault == null || remaining.getAndUpdate(n -> Math.max(0, n - 1)) <= 0) {
      return Optional.empty();
    }
    served.incrementAndGet();
    return Optional.of(fault);
  }

  int served() {
    return served.get();
  }

  /** The {@code Retry-After} of an {@link TokenFault#UNAVAILABLE} answer, in whole seconds. */
  Optional<Duration> retryAfter() {
    return retryAfter;
  }
}
