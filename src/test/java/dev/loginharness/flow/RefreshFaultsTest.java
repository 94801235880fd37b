package dev.loginharness.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loginharness.demo.DemoProvider;
import dev.loginharness.e2e.Cli;
import dev.loginharness.oauth.TokenClient;
import dev.loginharness.oauth.TokenEndpointException;
import dev.loginharness.oauth.TokenSet;
import dev.loginharness.provider.ProviderProfile;
import dev.loginharness.secret.Secret;
import dev.loginharness.store.StoredTokens;
import dev.loginharness.store.TokenStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, rows 6 and 8, against the demo provider on loopback, whose refresh tokens rotate: one
 * refresh for twenty callers of a token that lives less than their margin (threads sharing the real
 * file lock here; separate processes in {@link ConcurrentRefreshE2ETest}), and a refresh token the
 * provider refused marked in the store instead of being sent again and again.
 */
class RefreshFaultsTest {
  private static final String ACCOUNT = "ci";
  private static final String REDIRECT = DemoSignIn.REDIRECT;

  /**
   * Access tokens that live less than the default margin of 60 s, so that they need a refresh once
   * half their life is gone.
   */
  private static final Duration SHORT = Duration.ofSeconds(5);

  private static final Duration MARGIN = Duration.ofSeconds(60);

  @TempDir Path dir;
  private DemoProvider provider;

  @AfterEach
  void stop() {
    if (provider != null) {
      provider.close();
    }
  }

  private ProviderProfile start(Duration accessTokenLifetime) throws Exception {
    provider = DemoSignIn.start(accessTokenLifetime);
    return DemoSignIn.profile(provider);
  }

  private TokenService service() {
    return new TokenService(store(), TokenClient.shared(), Clock.systemUTC());
  }

  private TokenStore store() {
    return TokenStore.at(dir.resolve("store"));
  }

  private static TokenService.Endpoint endpointOf(ProviderProfile profile) {
    return () -> profile.tokenEndpoint(name -> null);
  }

  /** Alice's tokens from a login, kept in the store as the login command keeps them. */
  private TokenSet signIn(ProviderProfile profile) throws Exception {
    return service().keep(profile, ACCOUNT, obtain(profile));
  }

  private TokenSet obtain(ProviderProfile profile) throws Exception {
    return DemoSignIn.tokens(provider, profile);
  }

  /** Until the stored token has less than half its life left: the refresh is then due. */
  private static void waitUntilHalfExpired(TokenSet tokens, Duration lifetime) throws Exception {
    DemoSignIn.waitUntilHalfExpired(tokens, lifetime);
  }

  @Test
  void twentyThreadsOnTheRealFileLockRefreshTokensShorterThanTheirMarginOnce() throws Exception {
    Duration lifetime = Duration.ofSeconds(5);
    ProviderProfile profile = start(lifetime);
    TokenSet first = signIn(profile);
    waitUntilHalfExpired(first, lifetime);

    ExecutorService pool = Executors.newFixedThreadPool(20);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<TokenSet>> calls = new ArrayList<>();
    try {
      for (int i = 0; i < 20; i++) {
        // A service and store of its own per caller, as separate programs would have: only the
        // lock and the file are shared.
        TokenService own = service();
        calls.add(
            pool.submit(
                () -> {
                  go.await();
                  return own.token(
                      profile,
                      endpointOf(profile),
                      ACCOUNT,
                      Duration.ofSeconds(60),
                      Optional.empty());
                }));
      }
      go.countDown();
      Set<Secret> served = new HashSet<>();
      for (Future<TokenSet> call : calls) {
        served.add(call.get(60, TimeUnit.SECONDS).accessToken());
      }
      assertEquals(1, provider.refreshRequestCount(), "refresh requests at the provider");
      assertEquals(1, served.size(), "every caller got the one refreshed token");
      assertNotEquals(first.accessToken(), served.iterator().next());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aRefusedRefreshTokenIsMarkedAndNeverSentAgain() throws Exception {
    ProviderProfile profile = start(SHORT);
    TokenSet tokens = signInThenRevokeTheRefreshToken(profile);
    StoredTokens before = store().read(profile.name(), ACCOUNT).orElseThrow();
    TokenService service = service();

    TokenEndpointException refused =
        assertThrows(
            TokenEndpointException.class,
            () -> service.token(profile, endpointOf(profile), ACCOUNT, MARGIN, Optional.empty()));
    assertEquals("invalid_grant", refused.error());
    assertEquals(1, provider.refreshRequestCount());

    StoredTokens marked = store().read(profile.name(), ACCOUNT).orElseThrow();
    assertTrue(marked.refreshRefusedAt().isPresent(), "the entry says a login is needed");
    assertEquals(
        before,
        new StoredTokens(
            marked.tokens(),
            marked.provider(),
            marked.account(),
            marked.obtainedAt(),
            marked.origin()),
        "everything else in the entry is kept");

    for (int call = 0; call < 3; call++) {
      LoginFailedException e =
          assertThrows(
              LoginFailedException.class,
              () -> service.token(profile, endpointOf(profile), ACCOUNT, MARGIN, Optional.empty()));
      assertTrue(
          e.getMessage()
              .startsWith(
                  "the provider refused the stored refresh token for faults/ci (invalid_grant, "),
          e.getMessage());
      assertTrue(e.loginNeeded(), "the advice is the caller's: API methods or CLI flags");
      assertFalse(e.getMessage().contains("login-harness login"), e.getMessage());
    }
    LoginFailedException explicit =
        assertThrows(
            LoginFailedException.class,
            () -> service.refresh(profile, endpointOf(profile), ACCOUNT, Optional.empty()));
    assertTrue(explicit.getMessage().startsWith("the provider refused"), explicit.getMessage());
    assertEquals(1, provider.refreshRequestCount(), "the dead refresh token was not sent again");

    // The access token is still good for a caller who needs nothing more: it is served as before.
    assertEquals(
        tokens.accessToken(),
        service
            .token(profile, endpointOf(profile), ACCOUNT, Duration.ZERO, Optional.empty())
            .accessToken());
  }

  @Test
  void withALoginTheRefusalSaysABrowserOpensAndTheLoginReplacesTheMark() throws Exception {
    ProviderProfile profile = start(SHORT);
    signInThenRevokeTheRefreshToken(profile);
    List<String> notices = new CopyOnWriteArrayList<>();
    TokenService service =
        new TokenService(store(), TokenClient.shared(), Clock.systemUTC(), notices::add);
    List<String> logins = new CopyOnWriteArrayList<>();
    TokenService.Login login =
        () -> {
          logins.add("login");
          return loginFor(profile);
        };

    TokenSet fresh =
        service.token(profile, endpointOf(profile), ACCOUNT, MARGIN, Optional.of(login));

    assertEquals(1, logins.size());
    assertEquals(1, notices.size(), notices.toString());
    assertTrue(
        notices.get(0).startsWith("login-harness: the provider refused the stored refresh token"),
        notices.get(0));
    assertTrue(notices.get(0).endsWith("; opening a browser to log in"), notices.get(0));
    StoredTokens stored = store().read(profile.name(), ACCOUNT).orElseThrow();
    assertEquals(fresh, stored.tokens());
    assertFalse(stored.refreshRefusedAt().isPresent(), "a login clears the mark");
    assertEquals(1, provider.refreshRequestCount());
  }

  @Test
  void aMarkedEntryGoesStraightToTheLoginWithoutARequest() throws Exception {
    ProviderProfile profile = start(SHORT);
    signInThenRevokeTheRefreshToken(profile);
    TokenService service = service();
    assertThrows(
        TokenEndpointException.class,
        () -> service.token(profile, endpointOf(profile), ACCOUNT, MARGIN, Optional.empty()));
    List<String> notices = new CopyOnWriteArrayList<>();
    TokenService later =
        new TokenService(store(), TokenClient.shared(), Clock.systemUTC(), notices::add);

    later.token(
        profile, endpointOf(profile), ACCOUNT, MARGIN, Optional.of(() -> loginFor(profile)));

    assertEquals(1, provider.refreshRequestCount(), "no second refresh before the login");
    assertEquals(1, notices.size(), notices.toString());
    assertTrue(notices.get(0).contains("refused the stored refresh token"), notices.get(0));
  }

  /** The command line: exit 3 with the reason, at once, and nothing sent. */
  @Test
  void theCommandLineSaysALoginIsNeededWithExit3() throws Exception {
    ProviderProfile profile = start(SHORT);
    Path profileFile = profileFile();
    signInThenRevokeTheRefreshToken(profile);

    Cli.Run first =
        Cli.finish(cli("token", "--provider", profileFile.toString(), "--account", ACCOUNT));
    assertEquals(4, first.exit(), first.err());
    assertTrue(first.err().contains("invalid_grant"), first.err());

    Cli.Run later =
        Cli.finish(cli("token", "--provider", profileFile.toString(), "--account", ACCOUNT));
    assertEquals(3, later.exit(), later.err());
    assertTrue(
        later
            .err()
            .startsWith(
                "login-harness: the provider refused the stored refresh token for"
                    + " faults/ci (invalid_grant, "),
        later.err());
    assertTrue(
        later.err().strip().endsWith("; run login-harness login (or pass --login-if-needed)"),
        later.err());
    assertEquals("", later.out());
    assertEquals(1, provider.refreshRequestCount());
  }

  /** A login for {@link TokenService#token}: the provider's code flow, nothing stored here. */
  private TokenSet loginFor(ProviderProfile profile) {
    try {
      return obtain(profile);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Alice's stored tokens, their refresh token revoked at the provider (its access token lives on),
   * once a refresh is due.
   */
  private TokenSet signInThenRevokeTheRefreshToken(ProviderProfile profile) throws Exception {
    TokenSet tokens = signIn(profile);
    TokenClient.shared()
        .revoke(
            URI.create(provider.revocationEndpoint()),
            profile.tokenEndpoint(name -> null),
            tokens.refreshToken().orElseThrow(),
            Optional.of("refresh_token"),
            Map.of("revoke_refresh_only", "true"));
    waitUntilHalfExpired(tokens, SHORT);
    return tokens;
  }

  private Path profileFile() throws Exception {
    return DemoSignIn.profileFile(provider, dir.resolve("faults.json"));
  }

  private Process cli(String... args) throws Exception {
    return DemoSignIn.cli(dir.resolve("store"), args);
  }
}
