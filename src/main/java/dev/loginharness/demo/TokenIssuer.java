package dev.loginharness.demo;

import java.util.Optional;

/**
 * Mints access tokens for every grant (code, refresh, client credentials, implicit), so that expiry
 * is computed one way: issue time by the provider's clock plus the configured lifetime, the same
 * lifetime that is reported as {@code expires_in}.
 */
final class TokenIssuer {
  private final ProviderConfig config;
  private final Grants grants;

  TokenIssuer(ProviderConfig config, Grants grants) {
    this.config = config;
    this.grants = grants;
  }

  /** Stores and returns a new access token. */
  String accessToken(
      String clientId, Optional<String> username, Optional<String> scope, String family) {
    String token = Randoms.token();
    grants.storeAccessToken(
        token,
        new AccessGrant(
            clientId,
            username,
            scope,
            family,
            config.clock().instant().plus(config.accessTokenLifetime())));
    return token;
  }

  /**
   * The lifetime in whole seconds, rounded down: a client trusting {@code expires_in} stops using
   * the token at or before the moment the provider starts refusing it, never after.
   */
  long expiresIn() {
    return config.accessTokenLifetime().toSeconds();
  }
}
