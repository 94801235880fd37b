package dev.loginharness.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Pattern;

/** Server-side PKCE (RFC 7636): the shape rules and the S256 comparison. */
final class Pkce {
  /** RFC 7636 4.1: unreserved characters, 43 to 128 of them. */
  private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

  /** An S256 challenge is base64url without padding; the brief's 43–128 bound is kept as is. */
  private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43,128}");

  private Pkce() {}

  static boolean isValidVerifier(String verifier) {
    return VERIFIER.matcher(verifier).matches();
  }

  static boolean isValidChallenge(String challenge) {
    return CHALLENGE.matcher(challenge).matches();
  }

  /** BASE64URL(SHA256(ASCII(verifier))) == challenge, compared in constant time. */
  static boolean matches(String verifier, String challenge) {
    byte[] computed = s256(verifier).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(computed, challenge.getBytes(StandardCharsets.US_ASCII));
  }

  static String s256(String verifier) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK ships SHA-256", e);
    }
  }
}
