package dev.loginharness.oauth;

import dev.loginharness.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * RFC 7636 proof key: a random verifier and its S256 challenge. S256 only — {@code plain} gives no
 * protection against a stolen code and no provider we target requires it.
 */
public final class Pkce {
  public static final String METHOD = "S256";

  private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9\\-._~]{43,128}");

  /** 32 random octets, as RFC 7636 §7.1 recommends: 43 base64url characters, 256 bits. */
  private static final int VERIFIER_OCTETS = 32;

  private final Secret verifier;
  private final String challenge;

  private Pkce(Secret verifier) {
    this.verifier = verifier;
    this.challenge = challengeOf(verifier.reveal());
  }

  public static Pkce generate(SecureRandom random) {
    byte[] bytes = new byte[VERIFIER_OCTETS];
    random.nextBytes(bytes);
    return new Pkce(Secret.of(base64Url(bytes)));
  }

  /** A given verifier, validated against RFC 7636 §4.1 (43–128 unreserved characters). */
  public static Pkce fromVerifier(String verifier) {
    if (verifier == null || !VERIFIER.matcher(verifier).matches()) {
      throw new IllegalArgumentException(
          "PKCE code_verifier must be 43-128 characters of [A-Za-z0-9-._~]");
    }
    return new Pkce(Secret.of(verifier));
  }

  public Secret verifier() {
    return verifier;
  }

  public String challenge() {
    return challenge;
  }

  static String challengeOf(String verifier) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return base64Url(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  static String base64Url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  @Override
  public String toString() {
    return "Pkce[S256, challenge=" + challenge + "]";
  }
}
