package dev.loginharness.flow;

import dev.loginharness.browser.BrowserUnavailableException;
import dev.loginharness.oauth.BearerCheck;
import dev.loginharness.oauth.TokenClient;
import dev.loginharness.oauth.TokenEndpoint;
import dev.loginharness.oauth.TokenEndpointException;
import dev.loginharness.oauth.TokenSet;
import dev.loginharness.provider.ConfigException;
import dev.loginharness.provider.ProviderProfile;
import dev.loginharness.secret.Secret;
import dev.loginharness.store.LockedAction;
import dev.loginharness.store.StoreException;
import dev.loginharness.store.StoredTokens;
import dev.loginharness.store.TokenOrigin;
import dev.loginharness.store.TokenStore;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The token lifecycle after the first login: keep, refresh, serve, check, revoke. Every operation
 * that may change what is stored runs under the store's cross-process lock and re-reads the file
 * inside it, so twenty scripts asking for a token at once cause one refresh — and a rotated refresh
 * token is on disk before anyone prints anything.
 */
public final class TokenService {
  /** How long to wait for another process's refresh or login to finish. */
  private static final Duration LOCK_TIMEOUT = Duration.ofMinutes(5);

  private final TokenStore store;
  private final TokenClient client;
  private final BearerCheck bearerCheck;
  private final Clock clock;
  private final Consumer<String> notices;

  public TokenService(TokenStore store, TokenClient client, Clock clock) {
    this(store, client, clock, line -> {});
  }

  /**
   * @param notices hears one line, ready to print, when a browser login is about to start and why
   */
  public TokenService(TokenStore store, TokenClient client, Clock clock, Consumer<String> notices) {
    this.store = store;
    this.client = client;
    this.bearerCheck = BearerCheck.sharing(client);
    this.clock = clock;
    this.notices = notices;
  }

  /**
   * The token endpoint with the client's secret, resolved only when a request is about to go out:
   * serving a stored token, checking or an implicit login must not fail for want of a secret that
   * nothing would use.
   */
  @FunctionalInterface
  public interface Endpoint {
    TokenEndpoint resolve() throws ConfigException;
  }

  /** Something that logs in with a browser; only called when a login is really needed. */
  @FunctionalInterface
  public interface Login {
    TokenSet run()
        throws LoginFailedException,
            TokenEndpointException,
            BrowserUnavailableException,
            ConfigException;
  }

  /** Keeps the tokens of a login just made. */
  public TokenSet keep(ProviderProfile profile, String account, TokenSet tokens)
      throws StoreException {
    return store.locked(
        profile.name(), account, LOCK_TIMEOUT, () -> save(profile, account, tokens));
  }

  /**
   * Refreshes with the given refresh token, or the stored one, and stores the result.
   *
   * @throws LoginFailedException when there is no refresh token to use
   */
  public TokenSet refresh(
      ProviderProfile profile, Endpoint endpoint, String account, Optional<Secret> refreshToken)
      throws StoreException,
          TokenEndpointException,
          LoginFailedException,
          BrowserUnavailableException,
          ConfigException {
    return locked(
        profile,
        account,
        () -> {
          if (refreshToken.isPresent()) {
            return refreshAndSave(profile, endpoint, account, refreshToken.get());
          }
          StoredTokens stored = lookup(profile, account).orElseThrow();
          if (stored.refreshRefusedAt().isPresent()) {
            throw LoginFailedException.loginNeeded(refused(stored));
          }
          Secret token =
              stored
                  .tokens()
                  .refreshToken()
                  .orElseThrow(
                      () ->
                          LoginFailedException.loginNeeded(
                              "no refresh token stored for " + key(profile, account)));
          try {
            return refreshAndSave(profile, endpoint, account, token);
          } catch (TokenEndpointException e) {
            if ("invalid_grant".equals(e.error())) {
              markRefused(stored);
            }
            throw e;
          }
        });
  }

  /**
   * A token valid for at least {@code minValidity}: the stored one, else refreshed, else — only
   * when {@code login} is given — from a new browser login. A token another process obtained while
   * this call waited for the lock is used as long as it has not expired, whatever its lifetime: it
   * is as fresh as a refresh could make it. A refresh token the provider refused ({@code
   * invalid_grant}) is marked in the store and never sent again; later calls go straight to a
   * login, or say at once that one is needed.
   */
  public TokenSet token(
      ProviderProfile profile,
      Endpoint endpoint,
      String account,
      Duration minValidity,
      Optional<Login> login)
      throws StoreException,
          TokenEndpointException,
          LoginFailedException,
          BrowserUnavailableException,
          ConfigException {
    var askedAt = clock.instant();
    return locked(
        profile,
        account,
        () -> {
          Lookup lookup = lookup(profile, account);
          Optional<StoredTokens> stored = lookup.tokens();
          var now = clock.instant();
          if (stored.isPresent() && goodEnough(stored.get(), minValidity, askedAt, now)) {
            return stored.get().tokens();
          }
          String why;
          if (stored.isEmpty()) {
            why = lookup.absence();
          } else if (stored.get().refreshRefusedAt().isPresent()) {
            why = refused(stored.get());
          } else if (stored.get().tokens().refreshToken().isPresent()) {
            try {
              return refreshAndSave(
                  profile, endpoint, account, stored.get().tokens().refreshToken().get());
            } catch (TokenEndpointException e) {
              if (!"invalid_grant".equals(e.error())) {
                throw e;
              }
              StoredTokens marked = markRefused(stored.get());
              if (login.isEmpty()) {
                throw e;
              }
              why = refused(marked);
            }
          } else {
            why =
                "the stored token for "
                    + key(profile, account)
                    + " expires too soon and there is no refresh token";
          }
          if (login.isEmpty()) {
            throw LoginFailedException.loginNeeded(why);
          }
          notices.accept("login-harness: " + why + "; opening a browser to log in");
          return save(profile, account, login.get().run());
        });
  }

  /**
   * Valid for {@code minValidity} by the store's rules, or obtained (by another process or thread)
   * while this call waited for the lock and not expired yet: refreshing again could not do better.
   */
  private static boolean goodEnough(
      StoredTokens stored, Duration minValidity, Instant askedAt, Instant now) {
    return stored.goodFor(minValidity, now)
        || (!stored.obtainedAt().isBefore(askedAt) && stored.tokens().validFor(Duration.ZERO, now));
  }

  /** Keeps the entry as it is, marked so that its dead refresh token is never sent again. */
  private StoredTokens markRefused(StoredTokens stored) throws StoreException {
    StoredTokens marked = stored.refreshRefused(clock.instant());
    store.write(stored.provider(), stored.account(), marked);
    return marked;
  }

  private static String refused(StoredTokens stored) {
    return "the provider refused the stored refresh token for "
        + stored.provider()
        + "/"
        + stored.account()
        + " (invalid_grant, "
        + stored.refreshRefusedAt().orElseThrow().truncatedTo(ChronoUnit.SECONDS)
        + "): it was revoked or has expired, and only a new login can replace it";
  }

  private static String key(ProviderProfile profile, String account) {
    return profile.name() + "/" + account;
  }

  /** Presents the stored access token to the profile's check endpoint. */
  public BearerCheck.Result check(ProviderProfile profile, String account)
      throws StoreException, TokenEndpointException, LoginFailedException, ConfigException {
    URI check =
        profile
            .checkEndpoint()
            .orElseThrow(
                () ->
                    new ConfigException(
                        "provider "
                            + profile.name()
                            + " has no checkEndpoint (and no OIDC userinfo) to check a token with"));
    StoredTokens stored = lookup(profile, account).orElseThrow();
    return bearerCheck.check(check, stored.tokens().accessToken(), profile.headers());
  }

  /**
   * What {@link #revoke} did.
   *
   * @param notes what the provider added to a successful answer (an {@code error} in a 200)
   */
  public record Revocation(
      boolean atProvider, int tokensRevoked, boolean deletedLocally, List<String> notes) {
    public Revocation {
      notes = List.copyOf(notes);
    }
  }

  /**
   * Revokes the refresh token and then the access token at the provider (RFC 7009, with {@code
   * token_type_hint}), then forgets them. With {@code refreshOnly}, only the refresh token is
   * revoked (DeviantArt's {@code revoke_refresh_only}) and the access token is kept.
   */
  public Revocation revoke(
      ProviderProfile profile, Endpoint endpoint, String account, boolean refreshOnly)
      throws StoreException,
          TokenEndpointException,
          LoginFailedException,
          BrowserUnavailableException,
          ConfigException {
    if (refreshOnly && !profile.revokeRefreshOnly()) {
      throw new ConfigException(
          "provider "
              + profile.name()
              + " does not support revoking only the refresh token (revokeRefreshOnly)");
    }
    return locked(
        profile,
        account,
        () -> {
          TokenSet tokens = lookup(profile, account).orElseThrow().tokens();
          int revoked = 0;
          List<String> notes = new ArrayList<>();
          if (profile.revocationEndpoint().isPresent()) {
            var uri = profile.revocationEndpoint().get();
            TokenEndpoint credentials = endpoint.resolve();
            if (tokens.refreshToken().isPresent()) {
              client
                  .revoke(
                      uri,
                      credentials,
                      tokens.refreshToken().get(),
                      Optional.of("refresh_token"),
                      refreshOnly ? Map.of("revoke_refresh_only", "true") : Map.of())
                  .ifPresent(note -> notes.add("refresh token: " + note));
              revoked++;
            }
            if (!refreshOnly) {
              try {
                client
                    .revoke(
                        uri,
                        credentials,
                        tokens.accessToken(),
                        Optional.of("access_token"),
                        Map.of())
                    .ifPresent(note -> notes.add("access token: " + note));
                revoked++;
              } catch (TokenEndpointException e) {
                // RFC 7009 §2.2.1: a server may not revoke access tokens (self-contained JWTs);
                // the refresh token is gone, so they die when they expire.
                if (!"unsupported_token_type".equals(e.error())) {
                  throw e;
                }
              }
            }
          }
          if (refreshOnly) {
            save(
                profile,
                account,
                new TokenSet(
                    tokens.accessToken(),
                    tokens.tokenType(),
                    tokens.expiresIn(),
                    tokens.expiresAt(),
                    Optional.empty(),
                    tokens.scope(),
                    tokens.extras()));
            return new Revocation(profile.revocationEndpoint().isPresent(), revoked, false, notes);
          }
          boolean deleted = store.delete(profile.name(), account);
          return new Revocation(profile.revocationEndpoint().isPresent(), revoked, deleted, notes);
        });
  }

  /** The client credentials grant; the token is stored like any other. */
  public TokenSet clientCredentials(ProviderProfile profile, Endpoint endpoint, String account)
      throws StoreException, TokenEndpointException, ConfigException {
    TokenSet tokens = client.clientCredentials(endpoint.resolve(), profile.scopes());
    return keep(profile, account, tokens);
  }

  private TokenSet refreshAndSave(
      ProviderProfile profile, Endpoint endpoint, String account, Secret refreshToken)
      throws TokenEndpointException, StoreException, ConfigException {
    TokenSet fresh = client.refresh(endpoint.resolve(), refreshToken);
    if (fresh.refreshToken().isEmpty()) {
      // RFC 6749 §6: no new refresh token means the old one stays valid.
      fresh =
          new TokenSet(
              fresh.accessToken(),
              fresh.tokenType(),
              fresh.expiresIn(),
              fresh.expiresAt(),
              Optional.of(refreshToken),
              fresh.scope(),
              fresh.extras());
    }
    return save(profile, account, fresh);
  }

  private TokenSet save(ProviderProfile profile, String account, TokenSet tokens)
      throws StoreException {
    store.write(
        profile.name(),
        account,
        new StoredTokens(tokens, profile.name(), account, clock.instant(), origin(profile)));
    return tokens;
  }

  /** The server and client whose tokens this profile may be served. */
  private static TokenOrigin origin(ProviderProfile profile) {
    return new TokenOrigin(profile.tokenEndpoint(), profile.clientId());
  }

  /**
   * What the store holds for this profile and account: tokens only if they came from the profile's
   * server and client; otherwise nothing, with the reason.
   */
  private record Lookup(Optional<StoredTokens> tokens, String absence) {
    StoredTokens orElseThrow() throws LoginFailedException {
      return tokens.orElseThrow(() -> LoginFailedException.loginNeeded(absence));
    }
  }

  private Lookup lookup(ProviderProfile profile, String account) throws StoreException {
    String key = key(profile, account);
    Optional<StoredTokens> stored = store.read(profile.name(), account);
    if (stored.isEmpty()) {
      return new Lookup(stored, "no tokens stored for " + key);
    }
    TokenOrigin expected = origin(profile);
    if (stored.get().cameFrom(expected)) {
      return new Lookup(stored, "");
    }
    // Never used, never sent: a refresh token presented to another server leaks it there.
    return new Lookup(
        Optional.empty(),
        stored
            .get()
            .origin()
            .map(
                o ->
                    "the tokens stored for "
                        + key
                        + " were issued by another server or client ("
                        + o.describe()
                        + "; this profile uses "
                        + expected.describe()
                        + "), so they are not used")
            .orElse(
                "the tokens stored for "
                    + key
                    + " do not say which server and client issued "
                    + "them (written by hand or by an older login-harness), so they are not used"));
  }

  /**
   * Runs {@code action} under the lock for this provider and account. The action may fail in any of
   * the lifecycle's ways; they pass through unchanged.
   */
  private <T> T locked(ProviderProfile profile, String account, LockedAction<T, Exception> action)
      throws StoreException,
          TokenEndpointException,
          LoginFailedException,
          BrowserUnavailableException,
          ConfigException {
    try {
      return store.locked(profile.name(), account, LOCK_TIMEOUT, action);
    } catch (StoreException
        | TokenEndpointException
        | LoginFailedException
        | BrowserUnavailableException
        | ConfigException
        | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("unexpected failure under the token store lock", e);
    }
  }
}
