package dev.loginharness.secret;

import java.util.Objects;

/**
 * A value that must never reach a log, an error message or a stack trace by accident.
 *
 * <p>{@link #toString()} is always {@code ***}; the only way to the value is the deliberately loud
 * {@link #reveal()}, so every place that uses a secret is easy to find in review.
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value, "secret value");
  }

  public static Secret of(String value) {
    return new Secret(value);
  }

  /** The secret itself. Call only where it leaves the process on purpose (a form, an HTTP body). */
  public String reveal() {
    return value;
  }

  public boolean isEmpty() {
    return value.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret other
        && java.security.MessageDigest.isEqual(
            value.getBytes(java.nio.charset.StandardCharsets.UTF_8),
            other.value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "***";
  }
}
