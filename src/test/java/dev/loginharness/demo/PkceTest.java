package dev.loginharness.demo;

import static dev.loginharness.demo.LoopbackClient.CHALLENGE;
import static dev.loginharness.demo.LoopbackClient.VERIFIER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PkceTest {
  @Test
  void rfc7636AppendixBVector() {
    assertEquals(CHALLENGE, Pkce.s256(VERIFIER));
    assertTrue(Pkce.matches(VERIFIER, CHALLENGE));
    assertFalse(Pkce.matches(VERIFIER.replace('d', 'e'), CHALLENGE));
  }

  @Test
  void verifierShape() {
    assertTrue(Pkce.isValidVerifier(VERIFIER));
    assertTrue(Pkce.isValidVerifier("a.b_c~d-".repeat(6)));
    assertFalse(Pkce.isValidVerifier("a".repeat(42)));
    assertFalse(Pkce.isValidVerifier("a".repeat(129)));
    assertFalse(Pkce.isValidVerifier("a".repeat(42) + "+"));
  }

  @Test
  void challengeShape() {
    assertTrue(Pkce.isValidChallenge(CHALLENGE));
    assertFalse(Pkce.isValidChallenge(CHALLENGE + "="));
    assertFalse(Pkce.isValidChallenge("short"));
  }
}
