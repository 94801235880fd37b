package dev.loginharness.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loginharness.oauth.AuthorizationRequest;
import dev.loginharness.oauth.ClientAuth;
import dev.loginharness.oauth.Pkce;
import dev.loginharness.oauth.StateBinding;
import dev.loginharness.oauth.TokenClient;
import dev.loginharness.oauth.TokenEndpoint;
import dev.loginharness.oauth.TokenEndpointException;
import dev.loginharness.oauth.TokenSet;
import dev.loginharness.secret.Secret;
import dev.loginharness.testing.StubServer;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The step from callback to tokens, with a real token client against a token endpoint on loopback
 * that counts what reaches it: the state rule decides before anything is sent.
 */
class RedeemerTest {
  private static final String REDIRECT = "http://127.0.0.1:9/callback";
  private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  private static final String STATE = "state-of-this-login";
  private static final String CODE = "code-4711-from-the-provider";
  private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

  private final List<Secret> seen = new ArrayList<>();
  private StubServer server;

  @BeforeEach
  void startTokenEndpoint() throws Exception {
    server = StubServer.start();
    server.body(
        "{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"refresh_token\":\"rt-1\"}");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Redeemer redeemer(StateBinding binding) {
    AuthorizationRequest request =
        AuthorizationRequest.builder()
            .endpoint(URI.create("http://127.0.0.1:9/authorize"))
            .clientId("client-1")
            .redirectUri(REDIRECT)
            .state(Secret.of(STATE))
            .pkce(Pkce.fromVerifier(VERIFIER))
            .stateBinding(binding)
            .build();
    TokenEndpoint endpoint =
        new TokenEndpoint(
            server.uri("/token"),
            "client-1",
            Optional.empty(),
            ClientAuth.NONE,
            Map.of(),
            Map.of());
    TokenClient client = new TokenClient(new OkHttpClient(), Clock.fixed(NOW, ZoneOffset.UTC));
    return new Redeemer(
        request,
        (code, redirectUri, verifier) -> client.exchangeCode(endpoint, code, redirectUri, verifier),
        Clock.fixed(NOW, ZoneOffset.UTC),
        seen::add);
  }

  @Test
  void aCodeWithThisLoginsStateIsExchangedWithTheVerifier() throws Exception {
    Redeemer redeemer = redeemer(StateBinding.ECHOED);

    TokenSet tokens = redeemer.redeem(REDIRECT + "?code=" + CODE + "&state=" + STATE);

    assertEquals(Secret.of("at-1"), tokens.accessToken());
    assertEquals(Optional.of(NOW.plusSeconds(3600)), tokens.expiresAt());
    assertEquals(1, server.requests().size());
    Map<String, String> form = server.requests().get(0).form();
    assertEquals(CODE, form.get("code"));
    assertEquals(VERIFIER, form.get("code_verifier"));
    assertEquals(REDIRECT, form.get("redirect_uri"));
    assertEquals(List.of(Secret.of(CODE)), seen, "the code is handed to the scrubber");
    assertTrue(redeemer.exchangeStartedNanos() != 0);
  }

  @Test
  void aWrongOrMissingStateSendsNothing() {
    for (String url :
        List.of(REDIRECT + "?code=" + CODE + "&state=someone-elses", REDIRECT + "?code=" + CODE)) {
      Redeemer redeemer = redeemer(StateBinding.ECHOED);

      LoginFailedException e = assertThrows(LoginFailedException.class, () -> redeemer.redeem(url));

      assertTrue(e.getMessage().startsWith("state mismatch in the callback"), e.getMessage());
      assertEquals(0, redeemer.exchangeStartedNanos());
    }
    assertEquals(List.of(), server.requests(), "a token request reached the endpoint");
    assertEquals(List.of(), seen);
  }

  /** docs/providers.md, "Pixiv": the state on the callback is the provider's own. */
  @Test
  void aProviderThatDoesNotEchoTheStateIsRedeemedWhateverStateComesBack() throws Exception {
    TokenSet tokens =
        redeemer(StateBinding.NOT_ECHOED).redeem(REDIRECT + "?state=pixivs-own-state&code=" + CODE);

    assertEquals(Secret.of("at-1"), tokens.accessToken());
    assertEquals(CODE, server.requests().get(0).form().get("code"));
  }

  @Test
  void anErrorRedirectIsReportedAndNothingIsSent() {
    LoginFailedException e =
        assertThrows(
            LoginFailedException.class,
            () ->
                redeemer(StateBinding.ECHOED)
                    .redeem(
                        REDIRECT
                            + "?error=access_denied&error_description=The+user+said+no&state="
                            + STATE));

    assertEquals(
        "the provider refused the authorization: access_denied: The user said no", e.getMessage());
    assertEquals(List.of(), server.requests());
  }

  /** The state is checked first: a forged error must not end someone's login either. */
  @Test
  void anErrorRedirectWithAnotherStateIsAStateMismatch() {
    LoginFailedException e =
        assertThrows(
            LoginFailedException.class,
            () ->
                redeemer(StateBinding.ECHOED)
                    .redeem(REDIRECT + "?error=access_denied&state=forged"));

    assertTrue(e.getMessage().startsWith("state mismatch"), e.getMessage());
  }

  @Test
  void aCallbackWithNeitherCodeNorErrorSaysSoWithoutItsSecrets() {
    LoginFailedException e =
        assertThrows(
            LoginFailedException.class,
            () ->
                redeemer(StateBinding.ECHOED)
                    .redeem(REDIRECT + "?state=" + STATE + "&session=abc"));

    assertTrue(
        e.getMessage().startsWith("the redirect URI was requested without a code or error"),
        e.getMessage());
    assertFalse(e.getMessage().contains(STATE), e.getMessage());
    assertEquals(List.of(), server.requests());
  }

  @Test
  void anImplicitTokenComesFromTheFragmentWithoutARequest() throws Exception {
    TokenSet tokens =
        redeemer(StateBinding.ECHOED)
            .redeem(
                REDIRECT
                    + "#access_token=implicit-at&token_type=bearer&expires_in=600&state="
                    + STATE);

    assertEquals(Secret.of("implicit-at"), tokens.accessToken());
    assertEquals(Optional.of(NOW.plusSeconds(600)), tokens.expiresAt());
    assertEquals(List.of(), server.requests());
    assertEquals(List.of(Secret.of("implicit-at")), seen);
  }

  @Test
  void theTokenEndpointsRefusalComesThroughWithoutTheCode() {
    server.status(400);
    server.body(
        "{\"error\":\"invalid_grant\",\"error_description\":\"code " + CODE + " expired\"}");

    TokenEndpointException e =
        assertThrows(
            TokenEndpointException.class,
            () ->
                redeemer(StateBinding.ECHOED)
                    .redeem(REDIRECT + "?code=" + CODE + "&state=" + STATE));

    assertEquals("invalid_grant", e.error());
    assertFalse(e.getMessage().contains(CODE), e.getMessage());
  }
}
