package dev.loginharness.flow;

import dev.loginharness.oauth.TokenClient;
import dev.loginharness.oauth.TokenEndpoint;
import dev.loginharness.oauth.TokenEndpointException;
import dev.loginharness.oauth.TokenSet;
import dev.loginharness.secret.Secret;
import java.util.List;

/**
 * Redeems an authorization code (RFC 6749 §4.1.3, with the PKCE verifier): what a login needs of
 * the token endpoint, and all it needs. {@link #at} is the real one; {@link Redeemer}'s tests and
 * the login's warm-up pass their own.
 */
@FunctionalInterface
public interface CodeExchanger {
  TokenSet exchange(Secret code, String redirectUri, Secret codeVerifier)
      throws TokenEndpointException;

  /** Secrets the exchange sends besides the code (a client secret), for a debug bundle to scrub. */
  default List<Secret> secrets() {
    return List.of();
  }

  /** Loads the exchange's code path before the real code arrives; never contacts the provider. */
  default void warmUp() {}

  /** Exchanges at {@code endpoint} with {@code client}. */
  static CodeExchanger at(TokenClient client, TokenEndpoint endpoint) {
    return new CodeExchanger() {
      @Override
      public TokenSet exchange(Secret code, String redirectUri, Secret codeVerifier)
          throws TokenEndpointException {
        return client.exchangeCode(endpoint, code, redirectUri, codeVerifier);
      }

      @Override
      public List<Secret> secrets() {
        return endpoint.clientSecret().stream().toList();
      }

      @Override
      public void warmUp() {
        client.warmUp();
      }
    };
  }
}
