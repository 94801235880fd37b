package dev.loginharness.store;

import dev.loginharness.oauth.TokenSet;
import java.time.Duration;
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
 * @param refreshRefusedAt when the provider answered {@code invalid_grant} to the stored refresh
 *     token: only a new login can help, and sending that token again would only be refused again.
 *     The rest of the entry is kept as it was
 */
public record StoredTokens(
    TokenSet tokens,
    String provider,
    String account,
    Instant obtainedAt,
    Optional<TokenOrigin> origin,
    Optional<Instant> refreshRefusedAt) {

  public StoredTokens {
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(obtainedAt, "obtainedAt");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(refreshRefusedAt, "refreshRefusedAt");
  }

  public StoredTokens(
      TokenSet tokens,
      String provider,
      String account,
      Instant obtainedAt,
      Optional<TokenOrigin> origin) {
    this(tokens, provider, account, obtainedAt, origin, Optional.empty());
  }

  public StoredTokens(
      TokenSet tokens, String provider, String account, Instant obtainedAt, TokenOrigin origin) {
    this(tokens, provider, account, obtainedAt, Optional.of(origin));
  }

  /** Whether these tokens were issued by {@code expected}'s server to its client. */
  public boolean cameFrom(TokenOrigin expected) {
    return origin.map(expected::equals).orElse(false);
  }

  /** The same entry, marked as refused at {@code at}: nothing else changes. */
  public StoredTokens refreshRefused(Instant at) {
    return new StoredTokens(tokens, provider, account, obtainedAt, origin, Optional.of(at));
  }

  /**
   * Whether the access token is good enough for a caller who wants {@code minValidity} left; see
   * {@link Validity#goodFor}.
   */
  public boolean goodFor(Duration minValidity, Instant now) {
    return Validity.goodFor(tokens.expiresAt(), obtainedAt, minValidity, now);
  }
}
