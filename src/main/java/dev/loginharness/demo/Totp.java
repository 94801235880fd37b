package dev.loginharness.demo;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords as authenticator apps make them (RFC 6238 over RFC 4226):
 * HMAC-SHA1, six digits, 30-second steps. Written here rather than shared with the client's
 * generator, so a bug there cannot be mirrored by the server that tests it. Holds the key, so
 * toString() hides it.
 */
final class Totp {
  static final int DIGITS = 6;
  static final long STEP_SECONDS = 30;

  /**
   * RFC 4226 asks for 128 bits, but the 80-bit (16 base32 character) secrets of Google
   * Authenticator are what users actually paste, so that is the floor.
   */
  static final int MIN_KEY_BYTES = 10;

  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  /**
   * One step either way: the phone's clock and the server's disagree a little, and typing takes
   * time.
   */
  private static final int TOLERANCE_STEPS = 1;

  private final byte[] key;

  private Totp(byte[] key) {
    this.key = key;
  }

  /**
   * @throws IllegalArgumentException if the secret is not base32 or is too short; the message omits
   *     it
   */
  static Totp fromBase32(String secret) {
    byte[] key = decodeBase32(secret);
    if (key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException(
          "the TOTP secret must decode to at least "
              + MIN_KEY_BYTES
              + " bytes (16 base32 characters)");
    }
    return new Totp(key);
  }

  /** The code an authenticator app shows at this instant. */
  String code(Instant at) {
    return code(key, step(at));
  }

  /**
   * True for the code of the current step or of the one before or after. Compared in constant time;
   * a code that is not exactly six ASCII digits is simply wrong.
   */
  boolean verify(String candidate, Instant now) {
    Objects.requireNonNull(candidate, "candidate");
    byte[] offered = candidate.getBytes(StandardCharsets.US_ASCII);
    long current = step(now);
    boolean match = false;
    for (long step = current - TOLERANCE_STEPS; step <= current + TOLERANCE_STEPS; step++) {
      // No early exit: every step is checked, so timing does not tell which one matched.
      match |= MessageDigest.isEqual(code(key, step).getBytes(StandardCharsets.US_ASCII), offered);
    }
    return match;
  }

  static long step(Instant at) {
    return Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
  }

  /** RFC 4226 5.3: HMAC of the big-endian counter, dynamic truncation, the low decimal digits. */
  static String code(byte[] key, long counter) {
    byte[] hash;
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key, "HmacSHA1"));
      hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(counter).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is missing from this JDK", e);
    }
    int offset = hash[hash.length - 1] & 0x0f;
    int binary =
        ((hash[offset] & 0x7f) << 24)
            | ((hash[offset + 1] & 0xff) << 16)
            | ((hash[offset + 2] & 0xff) << 8)
            | (hash[offset + 3] & 0xff);
    int modulus = 1_000_000; // 10^DIGITS
    return String.format("%0" + DIGITS + "d", binary % modulus);
  }

  /**
   * RFC 4648 base32, as authenticator apps accept it: case-insensitive, spaces and trailing {@code
   * =} padding ignored. Leftover bits of the last character are dropped.
   */
  static byte[] decodeBase32(String text) {
    Objects.requireNonNull(text, "base32 text");
    String cleaned = text.replace(" ", "").toUpperCase(Locale.ROOT);
    int end = cleaned.length();
    while (end > 0 && cleaned.charAt(end - 1) == '=') {
      end--;
    }
    byte[] out = new byte[end * 5 / 8];
    int buffer = 0;
    int bits = 0;
    int written = 0;
    for (int i = 0; i < end; i++) {
      int value = ALPHABET.indexOf(cleaned.charAt(i));
      if (value < 0) {
        // The position is safe to report; the character, being part of a secret, is not.
        throw new IllegalArgumentException(
            "the TOTP secret is not base32 (bad character at index " + i + ")");
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

  @Override
  public String toString() {
    return "Totp[***]";
  }
}
