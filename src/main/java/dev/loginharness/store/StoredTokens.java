package dev.loginharness.store;

import dev.loginharness.oauth.TokenSet;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link TokenSet} as the store keeps it, with what a later refresh needs to know about it.
 *
 * @param obtainedAt when the token endpoint answered; {@code expires_in} is relative to it
 * @param origin the server and client that issued the tokens; empty in a file written by hand
 *     without {@code token_endpoint} and {@code client_id}, or by login-harness before 0.2, which
 *     did not record them: such tokens are served to no profile, since nothing says where they
 *     belong
 */
public record StoredTokens(
    TokenSet tokens,
    String provider,
    String account,
    Instant obtainedAt,
    Optional<TokenOrigin> origin) {

  public StoredTokens {
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(obtainedAt, "obtainedAt");
    Objects.requireNonNull(origin, "origin");
  }

  public StoredTokens(
      TokenSet tokens, String provider, String account, Instant obtainedAt, TokenOrigin origin) {
    this(tokens, provider, account, obtainedAt, Optional.of(origin));
  }

  /** Whether these tokens were issued by {@code expected}'s server to its client. */
  public boolean cameFrom(TokenOrigin expected) {
    return origin.map(expected::equals).orElse(false);
  }
}
