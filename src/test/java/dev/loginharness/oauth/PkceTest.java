package dev.loginharness.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PkceTest {
  // RFC 7636 Appendix B.
  private static final String RFC_VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  private static final String RFC_CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

  private final SecureRandom random = new SecureRandom();

  @Test
  void challengeMatchesRfc7636AppendixB() {
    Pkce pkce = Pkce.fromVerifier(RFC_VERIFIER);

    assertEquals(RFC_VERIFIER, pkce.verifier().reveal());
    assertEquals(RFC_CHALLENGE, pkce.challenge());
  }

  @Test
  void methodIsS256() {
    assertEquals("S256", Pkce.METHOD);
  }

  @Test
  void generatedVerifierIsLegalLengthAndAlphabet() {
    for (int i = 0; i < 50; i++) {
      String verifier = Pkce.generate(random).verifier().reveal();

      assertTrue(verifier.length() >= 43 && verifier.length() <= 128, verifier);
      assertTrue(verifier.matches("[A-Za-z0-9._~-]+"), verifier);
    }
  }

  @Test
  void generatedVerifiersDifferBetweenCalls() {
    assertNotEquals(
        Pkce.generate(random).verifier().reveal(), Pkce.generate(random).verifier().reveal());
  }

  @Test
  void generatedChallengeIsS256OfItsVerifier() {
    Pkce generated = Pkce.generate(random);

    // Recomputing through fromVerifier goes through the same hashing as the RFC vector above.
    assertEquals(
        Pkce.fromVerifier(generated.verifier().reveal()).challenge(), generated.challenge());
    assertNotEquals(generated.verifier().reveal(), generated.challenge());
  }

  @Test
  void acceptsBoundaryLengthsAndEveryUnreservedCharacter() {
    Pkce.fromVerifier("a".repeat(43));
    Pkce.fromVerifier("a".repeat(128));
    Pkce.fromVerifier("AZaz09-._~".repeat(5));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 42, 129, 200})
  void rejectsVerifierOfIllegalLength(int length) {
    assertThrows(IllegalArgumentException.class, () -> Pkce.fromVerifier("a".repeat(length)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"+", "/", "=", " ", "%", "é", "\n"})
  void rejectsVerifierWithCharacterOutsideUnreservedSet(String illegal) {
    String verifier = "a".repeat(42) + illegal;

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Pkce.fromVerifier(verifier));
    // The message explains the rule but does not echo the (secret) verifier back.
    assertFalse(e.getMessage().contains(verifier));
  }

  @Test
  void rejectsNullVerifier() {
    assertThrows(IllegalArgumentException.class, () -> Pkce.fromVerifier(null));
  }

  @Test
  void toStringShowsChallengeButNotVerifier() {
    Pkce pkce = Pkce.fromVerifier(RFC_VERIFIER);

    assertFalse(pkce.toString().contains(RFC_VERIFIER), pkce.toString());
    assertTrue(pkce.toString().contains(RFC_CHALLENGE), pkce.toString());
  }

  @Test
  void verifierSecretPrintsAsStars() {
    assertEquals("***", Pkce.fromVerifier(RFC_VERIFIER).verifier().toString());
  }
}
