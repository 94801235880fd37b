package dev.loginharness.demo;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable identifiers: codes, tokens, request ids. One {@link SecureRandom} is thread-safe. */
final class Randoms {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private Randoms() {}

  /** 256 bits: comfortably above the 128 bits RFC 6749 10.10 asks of codes and tokens. */
  static String token() {
    return base64url(32);
  }

  /** 128 bits: enough for values that only need to be unguessable for a few minutes. */
  static String id() {
    return base64url(16);
  }

  private static String base64url(int bytes) {
    byte[] buffer = new byte[bytes];
    RANDOM.nextBytes(buffer);
    return BASE64URL.encodeToString(buffer);
  }
}
