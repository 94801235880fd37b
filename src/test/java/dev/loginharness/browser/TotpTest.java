package dev.loginharness.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loginharness.browser.Totp.Algorithm;
import dev.loginharness.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TotpTest {
  // RFC 6238 Appendix B seeds: the ASCII digits repeated to the hash's natural key length.
  private static final String SEED_SHA1 = "12345678901234567890";
  private static final String SEED_SHA256 = "12345678901234567890123456789012";
  private static final String SEED_SHA512 =
      "1234567890123456789012345678901234567890123456789012345678901234";
  // Base32 of SEED_SHA1, as authenticator apps show it; checks the test encoder below as well.
  private static final String SHA1_BASE32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

  private static byte[] seed(Algorithm algorithm) {
    String seed =
        switch (algorithm) {
          case SHA1 -> SEED_SHA1;
          case SHA256 -> SEED_SHA256;
          case SHA512 -> SEED_SHA512;
        };
    return seed.getBytes(StandardCharsets.US_ASCII);
  }

  /** An encoder independent of the decoder under test, with '=' padding like RFC 4648 section 6. */
  private static String base32(byte[] bytes) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < bytes.length * 8; i += 5) {
      int value = 0;
      for (int bit = i; bit < i + 5; bit++) {
        int b = bit < bytes.length * 8 ? (bytes[bit / 8] >> (7 - bit % 8)) & 1 : 0;
        value = (value << 1) | b;
      }
      out.append(alphabet.charAt(value));
    }
    while (out.length() % 8 != 0) {
      out.append('=');
    }
    return out.toString();
  }

  @Test
  void testEncoderMatchesTheWellKnownSecret() {
    assertEquals(SHA1_BASE32, base32(seed(Algorithm.SHA1)));
  }

  // All 18 rows of RFC 6238 Appendix B.
  @ParameterizedTest(name = "{1} at {0} -> {2}")
  @CsvSource({
    "59, SHA1, 94287082",
    "59, SHA256, 46119246",
    "59, SHA512, 90693936",
    "1111111109, SHA1, 07081804",
    "1111111109, SHA256, 68084774",
    "1111111109, SHA512, 25091201",
    "1111111111, SHA1, 14050471",
    "1111111111, SHA256, 67062674",
    "1111111111, SHA512, 99943326",
    "1234567890, SHA1, 89005924",
    "1234567890, SHA256, 91819424",
    "1234567890, SHA512, 93441116",
    "2000000000, SHA1, 69279037",
    "2000000000, SHA256, 90698825",
    "2000000000, SHA512, 38618901",
    "20000000000, SHA1, 65353130",
    "20000000000, SHA256, 77737706",
    "20000000000, SHA512, 47863826",
  })
  void rfc6238Vectors(long epochSecond, Algorithm algorithm, String expected) {
    Instant time = Instant.ofEpochSecond(epochSecond);

    Totp fromBytes = Totp.of(seed(algorithm), algorithm, 8, Duration.ofSeconds(30));
    assertEquals(expected, fromBytes.codeAt(time).reveal());

    Totp fromUri =
        Totp.parse(
            "otpauth://totp/RFC6238?secret="
                + base32(seed(algorithm))
                + "&algorithm="
                + algorithm
                + "&digits=8&period=30");
    assertEquals(expected, fromUri.codeAt(time).reveal());
  }

  @Test
  void plainSecretDefaultsToSha1SixDigitsThirtySeconds() {
    Totp totp = Totp.parse(SHA1_BASE32);

    assertEquals(Algorithm.SHA1, totp.algorithm());
    assertEquals(6, totp.digits());
    assertEquals(Duration.ofSeconds(30), totp.period());
    // The 6-digit code is the 8-digit RFC value's last six digits (both are binary mod 10^n).
    assertEquals("287082", totp.codeAt(Instant.ofEpochSecond(59)).reveal());
    assertEquals("081804", totp.codeAt(Instant.ofEpochSecond(1111111109)).reveal());
  }

  @Test
  void plainSecretIgnoresCaseSpacesAndPadding() {
    Instant time = Instant.ofEpochSecond(1234567890);
    String spaced = "gezd gnbv gy3t qojq gezd gnbv gy3t qojq";

    assertEquals("005924", Totp.parse(spaced).codeAt(time).reveal());
    assertEquals("005924", Totp.parse("  " + SHA1_BASE32 + "\n").codeAt(time).reveal());

    // 11 bytes need '=' padding; with or without it the key is the same.
    byte[] odd = "12345678901".getBytes(StandardCharsets.US_ASCII);
    String padded = base32(odd);
    assertTrue(padded.endsWith("="));
    Totp reference = Totp.of(odd, Algorithm.SHA1, 6, Duration.ofSeconds(30));
    assertEquals(reference.codeAt(time), Totp.parse(padded).codeAt(time));
    assertEquals(reference.codeAt(time), Totp.parse(padded.replace("=", "")).codeAt(time));
  }

  @Test
  void uriParametersAreApplied() {
    Totp totp =
        Totp.parse(
            "otpauth://totp/ACME%20Co:alice@example.com?secret="
                + base32(seed(Algorithm.SHA256)).replace("=", "")
                + "&issuer=ACME%20Co&algorithm=SHA256&digits=8&period=60");

    assertEquals(Algorithm.SHA256, totp.algorithm());
    assertEquals(8, totp.digits());
    assertEquals(Duration.ofSeconds(60), totp.period());
    // With a 60 s period, second 119 is step 1, the same step as the RFC's second 59 at 30 s.
    assertEquals("46119246", totp.codeAt(Instant.ofEpochSecond(119)).reveal());
  }

  @Test
  void uriDefaultsAndLenientSpelling() {
    // Raw spaces in the label (java.net.URI would refuse them), lower-case algorithm, no digits.
    Totp totp =
        Totp.parse(
            "OTPAUTH://TOTP/ACME Co:alice?issuer=ACME&secret="
                + SHA1_BASE32.toLowerCase(Locale.ROOT)
                + "&algorithm=sha1");

    assertEquals(Algorithm.SHA1, totp.algorithm());
    assertEquals(6, totp.digits());
    assertEquals(Duration.ofSeconds(30), totp.period());
    assertEquals("287082", totp.codeAt(Instant.ofEpochSecond(59)).reveal());

    Totp sevenDigits = Totp.parse("otpauth://totp/x?digits=7&secret=" + SHA1_BASE32);
    assertEquals("4287082", sevenDigits.codeAt(Instant.ofEpochSecond(59)).reveal());
  }

  /** Records what it was asked to sleep instead of sleeping. */
  private static final class RecordingSleeper implements Totp.Sleeper {
    final List<Duration> sleeps = new ArrayList<>();

    @Override
    public void sleep(Duration duration) {
      sleeps.add(duration);
    }
  }

  private static Clock at(Instant instant) {
    return Clock.fixed(instant, ZoneOffset.UTC);
  }

  @Test
  void nearTheEndOfAStepWaitsForTheNextCode() throws Exception {
    Totp totp = Totp.of(seed(Algorithm.SHA1), Algorithm.SHA1, 8, Duration.ofSeconds(30));
    RecordingSleeper sleeper = new RecordingSleeper();
    // 1111111108 is second 28 of its step; the next step (from 1111111110) gives 14050471.
    Secret code =
        totp.current(at(Instant.ofEpochSecond(1111111108)), Duration.ofSeconds(3), sleeper);

    assertEquals(List.of(Duration.ofSeconds(2)), sleeper.sleeps);
    assertEquals("14050471", code.reveal());
  }

  @Test
  void waitsOnlyTheFractionThatIsLeft() throws Exception {
    Totp totp = Totp.of(seed(Algorithm.SHA1), Algorithm.SHA1, 8, Duration.ofSeconds(30));
    RecordingSleeper sleeper = new RecordingSleeper();
    Secret code =
        totp.current(
            at(Instant.ofEpochSecond(1111111108, 750_000_000)), Duration.ofSeconds(3), sleeper);

    assertEquals(List.of(Duration.ofMillis(1250)), sleeper.sleeps);
    assertEquals("14050471", code.reveal());
  }

  @Test
  void earlyInAStepReturnsTheCurrentCodeWithoutSleeping() throws Exception {
    Totp totp = Totp.of(seed(Algorithm.SHA1), Algorithm.SHA1, 8, Duration.ofSeconds(30));
    RecordingSleeper sleeper = new RecordingSleeper();
    // 1111111090 is second 10 of the step that also holds the RFC's 1111111109.
    Secret code =
        totp.current(at(Instant.ofEpochSecond(1111111090)), Duration.ofSeconds(3), sleeper);

    assertEquals(List.of(), sleeper.sleeps);
    assertEquals("07081804", code.reveal());
  }

  @Test
  void exactlyMinRemainingLeftIsEnough() throws Exception {
    Totp totp = Totp.of(seed(Algorithm.SHA1), Algorithm.SHA1, 8, Duration.ofSeconds(30));
    RecordingSleeper sleeper = new RecordingSleeper();
    // Second 27: exactly three seconds left.
    Secret code =
        totp.current(at(Instant.ofEpochSecond(1111111107)), Duration.ofSeconds(3), sleeper);

    assertEquals(List.of(), sleeper.sleeps);
    assertEquals("07081804", code.reveal());
  }

  private static final String SECRET = SHA1_BASE32;

  private static void assertRejectedWithoutSecret(String input) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Totp.parse(input));
    String message = e.getMessage();
    assertFalse(message.isBlank());
    String lower = message.toLowerCase(Locale.ROOT);
    // Not the whole secret, nor a recognisable piece of it.
    assertFalse(lower.contains(SECRET.substring(0, 8).toLowerCase(Locale.ROOT)), message);
    assertFalse(lower.contains("qojq"), message);
    assertTrue(
        e.getCause() == null
            || !String.valueOf(e.getCause().getMessage()).toLowerCase(Locale.ROOT).contains("gezd"),
        "cause leaks the secret");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "otpauth://hotp/ACME?secret=" + SECRET + "&counter=0",
        "otpauth://totp/ACME?secret=" + SECRET + "1", // '1' is not base32
        "otpauth://totp/ACME?secret=" + SECRET + "A", // impossible length
        "otpauth://totp/ACME?secret=" + SECRET + "&digits=5",
        "otpauth://totp/ACME?secret=" + SECRET + "&digits=9",
        "otpauth://totp/ACME?secret=" + SECRET + "&digits=six",
        "otpauth://totp/ACME?secret=" + SECRET + "&period=0",
        "otpauth://totp/ACME?secret=" + SECRET + "&period=-30",
        "otpauth://totp/ACME?secret=" + SECRET + "&algorithm=MD5",
        "otpauth://totp/ACME?secret=" + SECRET + "&secret=" + SECRET,
        "otpauth://totp/ACME?secret=" + SECRET + "%zz", // malformed escape
        "otpauth://totp/ACME?issuer=ACME", // no secret
        "otpauth://steam/ACME?secret=" + SECRET,
        SECRET + "0", // '0' for 'O' typo
        SECRET + "Q", // impossible length
        "https://example.com/?secret=" + SECRET,
      })
  void invalidInputIsRejectedWithoutRepeatingIt(String input) {
    assertRejectedWithoutSecret(input);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "===="})
  void emptySecretIsRejected(String input) {
    assertThrows(IllegalArgumentException.class, () -> Totp.parse(input));
  }

  @Test
  void nullIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> Totp.parse(null));
  }

  @Test
  void hotpIsNamedInTheMessage() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Totp.parse("otpauth://hotp/ACME?secret=" + SECRET + "&counter=0"));
    assertTrue(e.getMessage().contains("HOTP"), e.getMessage());
  }

  @Test
  void toStringHidesTheSecret() {
    Totp totp = Totp.parse("otpauth://totp/alice?secret=" + SECRET + "&digits=8");
    String text = totp.toString();

    assertFalse(text.toUpperCase(Locale.ROOT).contains("GEZD"), text);
    assertFalse(text.contains("1234567890"), text);
    assertTrue(text.contains("SHA1") && text.contains("8"), text);
    assertEquals("***", totp.codeAt(Instant.EPOCH).toString());
  }

  @Test
  void keyBytesAreCopied() {
    byte[] key = seed(Algorithm.SHA1);
    Totp totp = Totp.of(key, Algorithm.SHA1, 8, Duration.ofSeconds(30));
    key[0] ^= 1;

    assertEquals("94287082", totp.codeAt(Instant.ofEpochSecond(59)).reveal());
  }
}
