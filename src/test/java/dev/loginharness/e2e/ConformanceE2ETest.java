package dev.loginharness.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.loginharness.browser.Browsers;
import dev.loginharness.browser.Credentials;
import dev.loginharness.browser.DriverSettings;
import dev.loginharness.flow.BrowserSources;
import dev.loginharness.flow.CodeExchanger;
import dev.loginharness.flow.LoginFlow;
import dev.loginharness.flow.LoginResult;
import dev.loginharness.flow.TokenService;
import dev.loginharness.oauth.TokenClient;
import dev.loginharness.oauth.TokenEndpoint;
import dev.loginharness.oauth.TokenEndpointException;
import dev.loginharness.oauth.TokenSet;
import dev.loginharness.provider.Discoverer;
import dev.loginharness.provider.ProfileLoader;
import dev.loginharness.provider.ProviderProfile;
import dev.loginharness.secret.Secret;
import dev.loginharness.store.TokenStore;
import dev.loginharness.testing.Loopback;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conformance against an authorization server we did not write: NAV's mock-oauth2-server, in this
 * JVM on 127.0.0.1, with its own interactive login page (a username field and a claims box, no
 * password). Found through OIDC discovery, logged into headless with no profile hints, then
 * refreshed (it rotates refresh tokens), checked at userinfo and revoked.
 */
@Tag("e2e")
class ConformanceE2ETest {
  @TempDir Path storeDir;

  private MockOAuth2Server server;
  private String issuer;

  @BeforeEach
  void startServer() throws Exception {
    // interactiveLogin, login page, static assets, rotateRefreshToken
    server = new MockOAuth2Server(new OAuth2Config(true, null, null, true));
    server.start(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0);
    // The server names its issuer after the Host it is called by: always 127.0.0.1.
    issuer = "http://127.0.0.1:" + server.baseUrl().port() + "/default";
  }

  @AfterEach
  void stop() {
    server.shutdown();
    assertEquals(List.of(), Chromium.leftovers(), "browser processes left behind");
  }

  @Test
  void discoveryLoginRefreshCheckRevoke() throws Exception {
    JsonNodeFactory json = JsonNodeFactory.instance;
    Map<String, JsonNode> flags = new LinkedHashMap<>();
    flags.put("issuer", json.textNode(issuer));
    flags.put("clientId", json.textNode("conformance-client"));
    flags.put(
        "redirectUri", json.textNode("http://127.0.0.1:" + Loopback.freePort() + "/callback"));
    flags.put("scopes", json.arrayNode().add("openid"));
    ProviderProfile profile = ProfileLoader.fromFields(flags, Discoverer.oidc());
    assertEquals(issuer + "/token", profile.tokenEndpoint().toString());
    assertTrue(profile.revocationEndpoint().isPresent() && profile.checkEndpoint().isPresent());
    TokenEndpoint endpoint = profile.tokenEndpoint(System::getenv);

    // Its page links fonts.googleapis.com: keep every lookup on this machine.
    DriverSettings settings =
        DriverSettings.defaults()
            .override(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of("--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"),
                Optional.empty(),
                Optional.empty());
    LoginResult login =
        new LoginFlow(
                profile,
                BrowserSources.of(new Browsers(settings, System.getenv())),
                CodeExchanger.at(TokenClient.shared(), endpoint),
                new LoginFlow.Options(
                    true,
                    Optional.of(new Credentials("alice", Secret.of("unused-no-password-field"))),
                    Duration.ofSeconds(60),
                    Duration.ofSeconds(20)))
            .run();

    TokenService service =
        new TokenService(TokenStore.at(storeDir), TokenClient.shared(), Clock.systemUTC());
    TokenSet first = service.keep(profile, "alice", login.tokens());
    Secret firstRefresh = first.refreshToken().orElseThrow();
    assertEquals(
        first,
        service.token(profile, () -> endpoint, "alice", Duration.ofSeconds(60), Optional.empty()));

    // Once the token has expired (a service whose clock runs past its expiry), `token` refreshes.
    // (A margin longer than the token's lifetime no longer forces one: see store.Validity.)
    Duration pastExpiry =
        Duration.between(Instant.now(), first.expiresAt().orElseThrow()).plusSeconds(1);
    TokenService later =
        new TokenService(
            TokenStore.at(storeDir),
            TokenClient.shared(),
            Clock.offset(Clock.systemUTC(), pastExpiry));
    TokenSet refreshed =
        later.token(profile, () -> endpoint, "alice", Duration.ofSeconds(60), Optional.empty());
    assertNotEquals(first.accessToken(), refreshed.accessToken());
    assertNotEquals(
        firstRefresh, refreshed.refreshToken().orElseThrow(), "the server rotates refresh tokens");

    assertTrue(service.check(profile, "alice").accepted(), "userinfo refused the token");

    TokenService.Revocation revocation = service.revoke(profile, () -> endpoint, "alice", false);
    // It revokes refresh tokens; its access tokens are self-contained JWTs it cannot revoke.
    assertEquals(1, revocation.tokensRevoked());
    TokenEndpointException refused =
        assertThrows(
            TokenEndpointException.class,
            () -> TokenClient.shared().refresh(endpoint, refreshed.refreshToken().orElseThrow()));
    assertEquals("invalid_grant", refused.error());
  }
}
