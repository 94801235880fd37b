package dev.loginharness.oauth;

import dev.loginharness.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * How the client proves who it is at the token endpoint (RFC 6749 §2.3.1). A strategy, so adding
 * {@code private_key_jwt} later is a new constant, not another branch in the client.
 */
public enum ClientAuth {
  /** Public client: only {@code client_id} in the body; PKCE is the proof. */
  NONE {
    @Override
    void apply(
        String clientId,
        Optional<Secret> secret,
        Map<String, String> form,
        Map<String, String> headers) {
      form.put("client_id", clientId);
    }
  },
  /** {@code client_id} and {@code client_secret} in the body. */
  POST {
    @Override
    void apply(
        String clientId,
        Optional<Secret> secret,
        Map<String, String> form,
        Map<String, String> headers) {
      form.put("client_id", clientId);
      form.put("client_secret", require(secret).reveal());
    }
  },
  /** HTTP Basic with the form-urlencoded id and secret, as §2.3.1 spells it. */
  BASIC {
    @Override
    void apply(
        String clientId,
        Optional<Secret> secret,
        Map<String, String> form,
        Map<String, String> headers) {
      String pair =
          FormEncoding.encode(Map.of("a", clientId)).substring(2)
              + ":"
              + FormEncoding.encode(Map.of("a", require(secret).reveal())).substring(2);
      headers.put(
          "Authorization",
          "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }
  };

  abstract void apply(
      String clientId,
      Optional<Secret> secret,
      Map<String, String> form,
      Map<String, String> headers);

  private static Secret require(Optional<Secret> secret) {
    return secret.orElseThrow(
        () -> new IllegalStateException("client authentication needs a client secret"));
  }

  /** Parses {@code none|post|basic} as written in a provider profile. */
  public static ClientAuth parse(String value) {
    return switch (value.toLowerCase(java.util.Locale.ROOT)) {
      case "none" -> NONE;
      case "post", "client_secret_post" -> POST;
      case "basic", "client_secret_basic" -> BASIC;
      default ->
          throw new IllegalArgumentException(
              "clientAuth must be none, post or basic, not '" + value + "'");
    };
  }
}
