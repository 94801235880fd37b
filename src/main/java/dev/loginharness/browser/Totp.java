package dev.loginharness.browser;

import dev.loginharness.secret.Secret;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An RFC 6238 time-based one-time password generator, so a headless login can answer a provider's
 * "enter the code from your authenticator app" step by itself.
 *
 * <p>Built from what the provider showed at enrolment: the base32 secret or the whole {@code
 * otpauth://totp/...} URI behind the QR code. Every failure message describes what is wrong with
 * the input without repeating any of it, because the input is the shared secret.
 */
public final class Totp {
  /** The HMAC behind the code; {@code algorithm=} in an otpauth URI names one of these. */
  public enum Algorithm {
    SHA1("HmacSHA1"),
    SHA256("HmacSHA256"),
    SHA512("HmacSHA512");

    private final String macName;

    Algorithm(String macName) {
      this.macName = macName;
    }
  }

  /** Waits; a parameter so that tests can move a fixed clock instead of really sleeping. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    /** Thread.sleep, which rounds up to the next millisecond, so it never wakes before the step. */
    static Sleeper system() {
      return duration -> TimeUnit.NANOSECONDS.sleep(duration.toNanos());
    }
  }

  private static final int[] POWERS_OF_TEN = {
    1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000
  };

  private final byte[] key;
  private final Algorithm algorithm;
  private final int digits;
  private final long periodSeconds;

  private Totp(byte[] key, Algorithm algorithm, int digits, long periodSeconds) {
    if (key.length == 0) {
      throw new IllegalArgumentException("TOTP secret is empty");
    }
    if (digits < 6 || digits > 8) {
      throw new IllegalArgumentException("TOTP digits must be 6, 7 or 8, was " + digits);
    }
    if (periodSeconds <= 0) {
      throw new IllegalArgumentException("TOTP period must be a positive number of seconds");
    }
    this.key = key.clone();
    this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
    this.digits = digits;
    this.periodSeconds = periodSeconds;
  }

  /**
   * From raw key bytes; for tests (RFC 6238 gives its seeds as bytes) and callers that decoded
   * already.
   */
  static Totp of(byte[] key, Algorithm algorithm, int digits, Duration period) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(period, "period");
    if (period.toNanos() % 1_000_000_000L != 0) {
      throw new IllegalArgumentException("TOTP period must be whole seconds");
    }
    return new Totp(key, algorithm, digits, period.getSeconds());
  }

  /**
   * A base32 secret (any case; spaces and '=' padding ignored) with the usual SHA1, 6 digits and 30
   * s, or an {@code otpauth://totp/Label?secret=...&algorithm=&digits=&period=} URI.
   *
   * @throws IllegalArgumentException if the input is not one of those; the message never contains
   *     the input
   */
  public static Totp parse(String secretOrUri) {
    if (secretOrUri == null || secretOrUri.isBlank()) {
      throw new IllegalArgumentException("no TOTP secret given");
    }
    String text = secretOrUri.strip();
    if (text.regionMatches(true, 0, "otpauth:", 0, "otpauth:".length())) {
      return parseUri(text);
    }
    return new Totp(Base32.decode(text), Algorithm.SHA1, 6, 30);
  }

  // Parsed by hand rather than with java.net.URI: authenticator labels often carry raw spaces
  // that URI rejects, and URI's exceptions quote the whole input, secret included.
  private static Totp parseUri(String uri) {
    String prefix = "otpauth://";
    if (!uri.regionMatches(true, 0, prefix, 0, prefix.length())) {
      throw new IllegalArgumentException("otpauth URI must start with otpauth://");
    }
    String rest = uri.substring(prefix.length());
    int typeEnd = indexOfAny(rest, "/?");
    String type = rest.substring(0, typeEnd).toLowerCase(Locale.ROOT);
    if (type.equals("hotp")) {
      throw new IllegalArgumentException(
          "otpauth URI is for HOTP (counter-based codes); only TOTP is supported");
    }
    if (!type.equals("totp")) {
      throw new IllegalArgumentException("otpauth URI type must be totp");
    }
    int query = rest.indexOf('?');
    Map<String, String> params = query < 0 ? Map.of() : queryParams(rest.substring(query + 1));

    String secret = params.get("secret");
    if (secret == null || secret.isBlank()) {
      throw new IllegalArgumentException("otpauth URI has no secret parameter");
    }
    Algorithm algorithm = Algorithm.SHA1;
    if (params.containsKey("algorithm")) {
      String name = params.get("algorithm").strip().toUpperCase(Locale.ROOT);
      algorithm =
          switch (name) {
            case "SHA1" -> Algorithm.SHA1;
            case "SHA256" -> Algorithm.SHA256;
            case "SHA512" -> Algorithm.SHA512;
            default ->
                throw new IllegalArgumentException(
                    "otpauth algorithm must be SHA1, SHA256 or SHA512");
          };
    }
    int digits = params.containsKey("digits") ? integer(params.get("digits"), "digits") : 6;
    if (digits < 6 || digits > 8) {
      throw new IllegalArgumentException("otpauth digits must be 6, 7 or 8, was " + digits);
    }
    int period = params.containsKey("period") ? integer(params.get("period"), "period") : 30;
    if (period <= 0) {
      throw new IllegalArgumentException("otpauth period must be a positive number of seconds");
    }
    return new Totp(Base32.decode(secret), algorithm, digits, period);
  }

  private static Map<String, String> queryParams(String query) {
    Map<String, String> params = new HashMap<>();
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      // Two secrets (or two periods) means the URI was pasted together wrongly; guessing which one
      // the provider enrolled would only produce codes that never work.
      if (params.put(name, value) != null && isKnown(name)) {
        throw new IllegalArgumentException("otpauth URI repeats the " + name + " parameter");
      }
    }
    return params;
  }

  private static boolean isKnown(String name) {
    return switch (name) {
      case "secret", "algorithm", "digits", "period" -> true;
      default -> false;
    };
  }

  private static String decode(String component) {
    try {
      return URLDecoder.decode(component, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      // No cause attached: URLDecoder's message quotes the offending text, which may be the secret.
      throw new IllegalArgumentException("otpauth URI has a malformed %-escape");
    }
  }

  private static int integer(String value, String name) {
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("otpauth " + name + " must be a whole number");
    }
  }

  private static int indexOfAny(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return s.length();
  }

  public Algorithm algorithm() {
    return algorithm;
  }

  public int digits() {
    return digits;
  }

  public Duration period() {
    return Duration.ofSeconds(periodSeconds);
  }

  /** The code for the time step that contains {@code time}. */
  public Secret codeAt(Instant time) {
    return codeForStep(step(time));
  }

  /**
   * The code to type now. A code with less than {@code minRemaining} left would often expire
   * between typing and the provider checking it, so then this waits for the next step and returns
   * that step's code instead.
   */
  public Secret current(Clock clock, Duration minRemaining, Sleeper sleeper)
      throws InterruptedException {
    Objects.requireNonNull(sleeper, "sleeper");
    if (minRemaining.isNegative()) {
      throw new IllegalArgumentException("minRemaining must not be negative");
    }
    Instant now = clock.instant();
    long step = step(now);
    Instant nextStep = Instant.ofEpochSecond(Math.multiplyExact(step + 1, periodSeconds));
    Duration remaining = Duration.between(now, nextStep);
    if (remaining.compareTo(minRemaining) < 0) {
      sleeper.sleep(remaining);
      // Not clock.instant() again: the next step is what we waited for, whatever the sleep did.
      return codeForStep(step + 1);
    }
    return codeForStep(step);
  }

  private long step(Instant time) {
    return Math.floorDiv(time.getEpochSecond(), periodSeconds);
  }

  private Secret codeForStep(long step) {
    byte[] hash;
    try {
      Mac mac = Mac.getInstance(algorithm.macName);
      mac.init(new SecretKeySpec(key, algorithm.macName));
      hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
    } catch (GeneralSecurityException e) {
      // Every Java SE runtime must provide these three HMACs; reaching here is a broken JRE.
      throw new IllegalStateException("HMAC " + algorithm + " is not available", e);
    }
    // RFC 4226 section 5.3: the low nibble of the last byte picks four bytes, top bit dropped.
    int offset = hash[hash.length - 1] & 0x0f;
    int binary =
        ((hash[offset] & 0x7f) << 24)
            | ((hash[offset + 1] & 0xff) << 16)
            | ((hash[offset + 2] & 0xff) << 8)
            | (hash[offset + 3] & 0xff);
    int otp = binary % POWERS_OF_TEN[digits];
    StringBuilder code = new StringBuilder(Integer.toString(otp));
    while (code.length() < digits) {
      code.insert(0, '0');
    }
    return Secret.of(code.toString());
  }

  @Override
  public String toString() {
    return "Totp[" + algorithm + ", " + digits + " digits, " + periodSeconds + " s]";
  }

  /** RFC 4648 base32 decoding; the JDK has none, and the secret must not pass through a library. */
  private static final class Base32 {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private Base32() {}

    static byte[] decode(String text) {
      StringBuilder clean = new StringBuilder(text.length());
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c != '=' && !Character.isWhitespace(c)) {
          clean.append(Character.toUpperCase(c));
        }
      }
      if (clean.length() == 0) {
        throw new IllegalArgumentException("TOTP secret is empty");
      }
      // 1, 3 or 6 trailing characters cannot come from any byte string: a character is missing.
      int tail = clean.length() % 8;
      if (tail == 1 || tail == 3 || tail == 6) {
        throw new IllegalArgumentException(
            "TOTP secret is not valid base32: its length is impossible (truncated?)");
      }
      byte[] out = new byte[clean.length() * 5 / 8];
      int buffer = 0;
      int bits = 0;
      int written = 0;
      for (int i = 0; i < clean.length(); i++) {
        int value = ALPHABET.indexOf(clean.charAt(i));
        if (value < 0) {
          // The position helps find a typo ('0' for 'O', '1' for 'I') without echoing anything.
          throw new IllegalArgumentException(
              "TOTP secret is not valid base32: character "
                  + (i + 1)
                  + " (not counting spaces) is not one of A-Z, 2-7");
        }
        buffer = (buffer << 5) | value;
        bits += 5;
        if (bits >= 8) {
          bits -= 8;
          out[written++] = (byte) (buffer >> bits);
          buffer &= (1 << bits) - 1;
        }
      }
      return out;
    }
  }
}
