package dev.loginharness.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loginharness.demo.DemoProvider;
import dev.loginharness.oauth.TokenClient;
import dev.loginharness.oauth.TokenEndpointException;
import dev.loginharness.oauth.TokenSet;
import dev.loginharness.provider.ProviderProfile;
import dev.loginharness.secret.Secret;
import dev.loginharness.store.TokenStore;
import dev.loginharness.testing.StubServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The store is keyed by a profile's name, and a name can come to mean another server: a staging
 * server, a test provider restarted on another port, another client id. Tokens are served, and
 * their refresh tokens sent, only where they were issued. Two real providers on loopback count
 * every request that reaches them.
 */
class TokenServiceTest {
  private static final String ACCOUNT = "ci-1";

  @TempDir Path dir;
  private DemoProvider first;
  private DemoProvider second;
  private TokenService service;

  @BeforeEach
  void startTwoProviders() throws Exception {
    first = DemoProvider.builder().client("client-a").redirectUri("http://127.0.0.1:9/cb").start();
    second = DemoProvider.builder().client("client-a").redirectUri("http://127.0.0.1:9/cb").start();
    service = new TokenService(TokenStore.at(dir), TokenClient.shared(), Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    first.close();
    second.close();
  }

  private static ProviderProfile profile(DemoProvider provider, String clientId) {
    return revokingAt(
        ProviderProfile.basic(
            "same-name",
            URI.create(provider.authorizationEndpoint()),
            URI.create(provider.tokenEndpoint()),
            clientId,
            "http://127.0.0.1:9/cb",
            List.of(),
            List.of()),
        URI.create(provider.revocationEndpoint()));
  }

  /** {@code p} with a revocation endpoint. */
  private static ProviderProfile revokingAt(ProviderProfile p, URI revocationEndpoint) {
    return p.toBuilder().revocationEndpoint(revocationEndpoint).build();
  }

  private static TokenSet tokens(String access, Duration lifetime) {
    return new TokenSet(
        Secret.of(access),
        "Bearer",
        Optional.of(lifetime.toSeconds()),
        Optional.of(Instant.now().plus(lifetime)),
        Optional.of(Secret.of("rt-of-" + access)),
        Optional.empty(),
        Map.of());
  }

  private static TokenService.Endpoint endpointOf(ProviderProfile profile) {
    return () -> profile.tokenEndpoint(name -> null);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"another server", "another client"})
  void tokensOfAnotherServerOrClientAreNeitherServedNorSent(String change) throws Exception {
    service.keep(profile(first, "client-a"), ACCOUNT, tokens("at-from-first", Duration.ofHours(1)));
    ProviderProfile now =
        change.equals("another server") ? profile(second, "client-a") : profile(first, "client-b");
    DemoProvider asked = change.equals("another server") ? second : first;
    Path file = dir.resolve("same-name").resolve(ACCOUNT + ".json");
    byte[] before = Files.readAllBytes(file);

    LoginFailedException token =
        assertThrows(
            LoginFailedException.class,
            () ->
                service.token(
                    now, endpointOf(now), ACCOUNT, Duration.ofSeconds(60), Optional.empty()));
    LoginFailedException refresh =
        assertThrows(
            LoginFailedException.class,
            () -> service.refresh(now, endpointOf(now), ACCOUNT, Optional.empty()));
    LoginFailedException revoke =
        assertThrows(
            LoginFailedException.class, () -> service.revoke(now, endpointOf(now), ACCOUNT, false));

    for (LoginFailedException e : List.of(token, refresh, revoke)) {
      assertTrue(
          e.getMessage()
              .contains(
                  "were issued by another server or client ("
                      + first.tokenEndpoint()
                      + ", client client-a; this profile uses "),
          e.getMessage());
    }
    assertEquals(0, asked.tokenRequestCount(), "the old refresh token went to " + change);
    assertEquals(0, asked.revokeRequestCount());
    assertEquals(new String(before), Files.readString(file), "the stored entry was changed");
  }

  @Test
  void aLoginReplacesTokensOfAnotherServer() throws Exception {
    service.keep(profile(first, "client-a"), ACCOUNT, tokens("at-from-first", Duration.ofHours(1)));
    ProviderProfile now = profile(second, "client-a");

    TokenSet served =
        service.token(
            now,
            endpointOf(now),
            ACCOUNT,
            Duration.ofSeconds(60),
            Optional.of(() -> tokens("at-from-second", Duration.ofHours(1))));

    assertEquals(Secret.of("at-from-second"), served.accessToken());
    assertEquals(
        served,
        service.token(now, endpointOf(now), ACCOUNT, Duration.ofSeconds(60), Optional.empty()),
        "the new tokens are stored for the second server");
  }

  /**
   * The control: the same profile's refresh does reach its server, so the zeros above mean
   * something.
   */
  @Test
  void theSameServerAndClientAreServedAndRefreshedThere() throws Exception {
    ProviderProfile same = profile(first, "client-a");
    // Kept two hours ago, so asking for two hours needs a refresh (a token whose whole life is
    // shorter than the margin asked for counts as valid for its first half).
    new TokenService(
            TokenStore.at(dir),
            TokenClient.shared(),
            Clock.offset(Clock.systemUTC(), Duration.ofHours(-2)))
        .keep(same, ACCOUNT, tokens("at-from-first", Duration.ofHours(1)));

    assertEquals(
        Secret.of("at-from-first"),
        service
            .token(same, endpointOf(same), ACCOUNT, Duration.ofSeconds(60), Optional.empty())
            .accessToken());
    // The made-up refresh token is refused, but it was sent where it belongs.
    TokenEndpointException e =
        assertThrows(
            TokenEndpointException.class,
            () ->
                service.token(
                    same, endpointOf(same), ACCOUNT, Duration.ofHours(2), Optional.empty()));
    assertEquals("invalid_grant", e.error());
    assertEquals(1, first.refreshRequestCount());
  }

  /** Tokens that do not say where they came from (by hand, or an older version) go nowhere. */
  @Test
  void tokensWithoutAnOriginAreNotServed() throws Exception {
    Path file = Files.createDirectories(dir.resolve("same-name")).resolve(ACCOUNT + ".json");
    Files.writeString(file, "{\"access_token\": \"hand-written\", \"refresh_token\": \"rt-old\"}");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    ProviderProfile profile = profile(first, "client-a");

    LoginFailedException e =
        assertThrows(
            LoginFailedException.class,
            () ->
                service.token(
                    profile,
                    endpointOf(profile),
                    ACCOUNT,
                    Duration.ofSeconds(60),
                    Optional.empty()));

    assertTrue(
        e.getMessage().contains("do not say which server and client issued them"), e.getMessage());
    assertEquals(0, first.tokenRequestCount());
  }

  /** No secret is asked for where none is sent: serving a valid stored token needs none. */
  @Test
  void aValidStoredTokenIsServedWithoutResolvingTheClientSecret() throws Exception {
    ProviderProfile same = profile(first, "client-a");
    service.keep(same, ACCOUNT, tokens("at-from-first", Duration.ofHours(1)));

    TokenSet served =
        service.token(
            same,
            () -> {
              throw new dev.loginharness.provider.ConfigException("the secret was asked for");
            },
            ACCOUNT,
            Duration.ofSeconds(60),
            Optional.empty());

    assertEquals(Secret.of("at-from-first"), served.accessToken());
  }

  /**
   * A captive portal answering the revocation with its HTML page: no revocation happened, so the
   * tokens must stay where they are (RFC 7009 speaks of JSON or nothing).
   */
  @Test
  void aRevocationAnsweredWithAnHtmlPageKeepsTheTokens() throws Exception {
    try (StubServer portal = StubServer.start()) {
      portal.contentType("text/html");
      portal.body("<html><title>Sign in to the Wi-Fi</title></html>");
      ProviderProfile behindPortal = revokingAt(profile(first, "client-a"), portal.uri("/revoke"));
      service.keep(behindPortal, ACCOUNT, tokens("at-kept", Duration.ofHours(1)));

      TokenEndpointException e =
          assertThrows(
              TokenEndpointException.class,
              () -> service.revoke(behindPortal, endpointOf(behindPortal), ACCOUNT, false));

      assertTrue(
          e.getMessage().contains("not JSON (text/html): Sign in to the Wi-Fi"), e.getMessage());
      assertEquals(
          Secret.of("at-kept"),
          service
              .token(
                  behindPortal,
                  endpointOf(behindPortal),
                  ACCOUNT,
                  Duration.ofSeconds(60),
                  Optional.empty())
              .accessToken());
    }
  }
}
