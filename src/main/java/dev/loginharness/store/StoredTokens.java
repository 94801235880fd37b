package dev.loginharness.store;

import dev.loginharness.oauth.TokenSet;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link TokenSet} as the store keeps it, with what a later refresh needs to know about it.
 *
 * @param obtainedAt when the token endpoint answered; {@code expires_in} is relative to it
 * @param tokenEndpoint the endpoint that issued the tokens, so a refresh can notice that the
 *     provider profile has since moved to another one (a refresh token is only good where it was
 *     issued)
 */
public record StoredTokens(
    TokenSet tokens,
    String provider,
    String account,
    Instant obtainedAt,
    Optional<URI> tokenEndpoint) {

  public StoredTokens {
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(obtainedAt, "obtainedAt");
    Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
  }

  public StoredTokens(TokenSet tokens, String provider, String account, Instant obtainedAt) {
    this(tokens, provider, account, obtainedAt, Optional.empty());
  }
}
