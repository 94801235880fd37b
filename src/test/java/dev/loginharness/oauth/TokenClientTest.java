package dev.loginharness.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loginharness.secret.Secret;
import dev.loginharness.testing.Loopback;
import dev.loginharness.testing.StubServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenClientTest {
  private static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");
  private static final String CODE = "the-auth-code-4711";
  private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  private static final String CLIENT_SECRET = "s&e=cret-value";
  private static final String REDIRECT = "http://127.0.0.1:9/callback";

  private StubServer server;

  private final TokenClient client =
      new TokenClient(new OkHttpClient(), Clock.fixed(NOW, ZoneOffset.UTC));

  @BeforeEach
  void startServer() throws IOException {
    server = StubServer.start();
    server.body("{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private URI tokenUri() {
    return server.uri("/oauth/token");
  }

  private TokenEndpoint endpoint(ClientAuth auth, String clientId, Optional<Secret> secret) {
    return new TokenEndpoint(tokenUri(), clientId, secret, auth, Map.of(), Map.of());
  }

  private TokenEndpoint publicClient() {
    return endpoint(ClientAuth.NONE, "client-1", Optional.empty());
  }

  private TokenSet exchange(TokenEndpoint endpoint) throws TokenEndpointException {
    return client.exchangeCode(endpoint, Secret.of(CODE), REDIRECT, Secret.of(VERIFIER));
  }

  private StubServer.Request onlyRequest() {
    assertEquals(1, server.requests().size(), "requests received");
    return server.requests().get(0);
  }

  private static void assertNoSecrets(Exception e) {
    String message = String.valueOf(e.getMessage());
    for (String secret : List.of(CODE, VERIFIER, CLIENT_SECRET)) {
      assertFalse(message.contains(secret), "message leaks '" + secret + "': " + message);
    }
  }

  @Test
  void exchangeCodePostsAuthorizationCodeGrantForPublicClient() throws Exception {
    exchange(publicClient());

    StubServer.Request request = onlyRequest();
    assertEquals("POST", request.method());
    assertEquals("/oauth/token", request.path());
    assertTrue(
        request.header("Content-Type").startsWith("application/x-www-form-urlencoded"),
        request.header("Content-Type"));
    assertEquals(
        Map.of(
            "grant_type", "authorization_code",
            "code", CODE,
            "redirect_uri", REDIRECT,
            "code_verifier", VERIFIER,
            "client_id", "client-1"),
        request.form());
    assertNull(request.header("Authorization"));
  }

  @Test
  void postAuthPutsClientSecretInBody() throws Exception {
    exchange(endpoint(ClientAuth.POST, "client-1", Optional.of(Secret.of(CLIENT_SECRET))));

    Map<String, String> form = onlyRequest().form();
    assertEquals("client-1", form.get("client_id"));
    assertEquals(CLIENT_SECRET, form.get("client_secret"));
    assertNull(onlyRequest().header("Authorization"));
  }

  @Test
  void basicAuthSendsFormEncodedIdAndSecretInHeaderOnly() throws Exception {
    exchange(endpoint(ClientAuth.BASIC, "a b:c", Optional.of(Secret.of(CLIENT_SECRET))));

    StubServer.Request request = onlyRequest();
    String authorization = request.header("Authorization");
    assertTrue(authorization.startsWith("Basic "), authorization);
    String pair =
        new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8);
    // RFC 6749 §2.3.1: id and secret are form-urlencoded first, so the ':' inside the id is
    // escaped and the first ':' left is the separator.
    int colon = pair.indexOf(':');
    String encodedId = pair.substring(0, colon);
    String encodedSecret = pair.substring(colon + 1);
    assertFalse(encodedId.contains(" "), pair);
    assertEquals("a b:c", URLDecoder.decode(encodedId, StandardCharsets.UTF_8));
    assertEquals(CLIENT_SECRET, URLDecoder.decode(encodedSecret, StandardCharsets.UTF_8));
    assertFalse(request.form().containsKey("client_secret"), request.body());
    assertFalse(request.body().contains("cret-value"), request.body());
  }

  @Test
  void extraTokenParamsAndProfileHeadersAreSent() throws Exception {
    TokenEndpoint endpoint =
        new TokenEndpoint(
            tokenUri(),
            "client-1",
            Optional.empty(),
            ClientAuth.NONE,
            Map.of("include_policy", "true"),
            Map.of("User-Agent", "PixivAndroidApp/5.0.234", "App-OS", "android"));

    exchange(endpoint);

    StubServer.Request request = onlyRequest();
    assertEquals("true", request.form().get("include_policy"));
    assertEquals(CODE, request.form().get("code"));
    assertEquals("PixivAndroidApp/5.0.234", request.header("User-Agent"));
    assertEquals("android", request.header("App-OS"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "grant_type",
        "code",
        "code_verifier",
        "redirect_uri",
        "client_id",
        "client_secret",
        "refresh_token"
      })
  void tokenEndpointRejectsExtraParamOverridingCoreParam(String core) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new TokenEndpoint(
                    tokenUri(),
                    "client-1",
                    Optional.empty(),
                    ClientAuth.NONE,
                    Map.of(core, "evil"),
                    Map.of()));

    assertTrue(e.getMessage().contains("'" + core + "'"), e.getMessage());
  }

  @Test
  void tokenEndpointRequiresSecretForConfidentialAuth() {
    assertThrows(
        IllegalArgumentException.class,
        () -> endpoint(ClientAuth.POST, "client-1", Optional.empty()));
    assertThrows(
        IllegalArgumentException.class,
        () -> endpoint(ClientAuth.BASIC, "client-1", Optional.empty()));
  }

  @Test
  void successfulResponseBecomesTokenSet() throws Exception {
    server.body(
        """
        {"access_token":"at-1","token_type":"bearer","expires_in":3600,
         "refresh_token":"rt-1","scope":"read write",
         "user":{"id":42,"name":"alice"},"id_token":"eyJ.x.y"}
        """);

    TokenSet tokens = exchange(publicClient());

    assertEquals("at-1", tokens.accessToken().reveal());
    assertEquals("bearer", tokens.tokenType());
    assertEquals(Optional.of(3600L), tokens.expiresIn());
    assertEquals(Optional.of(NOW.plusSeconds(3600)), tokens.expiresAt());
    assertEquals("rt-1", tokens.refreshToken().orElseThrow().reveal());
    assertEquals(Optional.of("read write"), tokens.scope());
    assertEquals(42, tokens.extras().get("user").get("id").asInt());
    assertEquals("alice", tokens.extras().get("user").get("name").asText());
    assertEquals("eyJ.x.y", tokens.extras().get("id_token").asText());
    assertEquals(2, tokens.extras().size(), tokens.extras().keySet().toString());
  }

  @Test
  void minimalResponseDefaultsTokenTypeAndLeavesOptionalsEmpty() throws Exception {
    server.body("{\"access_token\":\"at-1\"}");

    TokenSet tokens = exchange(publicClient());

    assertEquals("Bearer", tokens.tokenType());
    assertEquals(Optional.empty(), tokens.expiresAt());
    assertEquals(Optional.empty(), tokens.refreshToken());
    assertEquals(Optional.empty(), tokens.scope());
  }

  @Test
  void expiresInAsStringIsAccepted() throws Exception {
    // Some providers (older Facebook, several Chinese ones) send expires_in as a JSON string.
    server.body("{\"access_token\":\"at-1\",\"expires_in\":\"120\"}");

    assertEquals(Optional.of(NOW.plusSeconds(120)), exchange(publicClient()).expiresAt());
  }

  @Test
  void successWithoutAccessTokenIsInvalidResponse() {
    server.body("{\"token_type\":\"Bearer\"}");

    TokenEndpointException e =
        assertThrows(TokenEndpointException.class, () -> exchange(publicClient()));

    assertEquals("invalid_response", e.error());
  }

  @Test
  void oauthErrorBecomesTokenEndpointException() {
    server.status(400);
    server.body(
        "{\"error\":\"invalid_grant\","
            + "\"error_description\":\"The authorization code has expired\"}");

    TokenEndpointException e =
        assertThrows(
            TokenEndpointException.class,
            () ->
                exchange(
                    endpoint(ClientAuth.POST, "client-1", Optional.of(Secret.of(CLIENT_SECRET)))));

    assertEquals("invalid_grant", e.error());
    assertEquals(400, e.httpStatus());
    assertTrue(e.getMessage().contains("The authorization code has expired"), e.getMessage());
    assertNoSecrets(e);
  }

  @Test
  void oauthErrorDescriptionEchoingTheCodeDoesNotLeakIt() {
    // Real providers echo the rejected value ("Invalid authorization code: …"). The exception's
    // contract is that its message never carries a code, so the echo must be scrubbed.
    server.status(400);
    server.body(
        "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid authorization"
            + " code: "
            + CODE
            + "\"}");

    TokenEndpointException e =
        assertThrows(TokenEndpointException.class, () -> exchange(publicClient()));

    assertEquals("invalid_grant", e.error());
    assertNoSecrets(e);
  }

  @Test
  void htmlErrorPageBecomesReadableHttpError() {
    server.status(403);
    server.contentType("text/html; charset=UTF-8");
    server.body(
        """
        <!DOCTYPE html>
        <html><head><title>Attention Required! | Cloudflare</title>
        <style>body { color: red; }</style></head>
        <body><h1>Sorry, you have been blocked</h1><script>var x = 1;</script></body></html>
        """);

    TokenEndpointException e =
        assertThrows(TokenEndpointException.class, () -> exchange(publicClient()));

    assertEquals("http_403", e.error());
    assertEquals(403, e.httpStatus());
    assertTrue(e.getMessage().contains("Attention Required! | Cloudflare"), e.getMessage());
    assertFalse(e.getMessage().matches("(?s).*<[^>]*>.*"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertNoSecrets(e);
  }

  @Test
  void serverErrorWithoutJsonKeepsStatus() {
    server.status(502);
    server.contentType("text/plain");
    server.body("upstream connect error");

    TokenEndpointException e =
        assertThrows(TokenEndpointException.class, () -> exchange(publicClient()));

    assertEquals("http_502", e.error());
    assertEquals(502, e.httpStatus());
    assertTrue(e.getMessage().contains("upstream connect error"), e.getMessage());
  }

  @Test
  void readableUsesBodyTextWithoutTitleAndCutsLongText() {
    assertEquals(
        "Forbidden by policy",
        Answers.readable("<html><body><p>Forbidden</p> by <b>policy</b></body></html>"));
    assertEquals("(empty body)", Answers.readable(""));
    String cut = Answers.readable("x".repeat(500));
    assertTrue(cut.length() <= 201 && cut.endsWith("…"), cut);
  }

  @Test
  void connectionRefusedIsNetworkError() throws IOException {
    int closedPort = Loopback.freePort();
    TokenEndpoint endpoint =
        new TokenEndpoint(
            URI.create("http://127.0.0.1:" + closedPort + "/token"),
            "client-1",
            Optional.of(Secret.of(CLIENT_SECRET)),
            ClientAuth.POST,
            Map.of(),
            Map.of());

    TokenEndpointException e =
        assertThrows(
            TokenEndpointException.class,
            () -> client.exchangeCode(endpoint, Secret.of(CODE), REDIRECT, Secret.of(VERIFIER)));

    assertEquals("network_error", e.error());
    assertEquals(0, e.httpStatus());
    assertTrue(e.getMessage().contains(String.valueOf(closedPort)), e.getMessage());
    assertNoSecrets(e);
  }

  @Test
  void refreshSendsRefreshTokenGrant() throws Exception {
    server.body("{\"access_token\":\"at-2\",\"expires_in\":60}");

    TokenSet tokens =
        client.refresh(
            endpoint(ClientAuth.POST, "client-1", Optional.of(Secret.of(CLIENT_SECRET))),
            Secret.of("rt-1"));

    assertEquals(
        Map.of(
            "grant_type", "refresh_token",
            "refresh_token", "rt-1",
            "client_id", "client-1",
            "client_secret", CLIENT_SECRET),
        onlyRequest().form());
    assertEquals("at-2", tokens.accessToken().reveal());
    assertEquals(Optional.of(NOW.plusSeconds(60)), tokens.expiresAt());
  }

  @Test
  void warmUpNeverContactsTheTokenEndpoint() throws Exception {
    assertTimeoutPreemptively(
        Duration.ofSeconds(15),
        () -> {
          client.warmUp();
          client.warmUp();
        });
    assertEquals(0, server.requests().size(), "warm-up must not reach the provider");

    // The client is still usable afterwards.
    exchange(publicClient());
    assertEquals(1, server.requests().size());
  }

  /**
   * A token that cannot go into a header as it is (RFC 6750 b64token) is refused, never handed out:
   * a CR LF in it would add a header of the provider's choosing to every request.
   */
  @ParameterizedTest(name = "access_token {0}")
  @ValueSource(strings = {"at-1\\r\\nX-Evil: 1", "at 1", "at-\\u00e9", "=at"})
  void anAccessTokenThatIsNoBearerTokenIsRefused(String token) {
    server.body("{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\"}");

    TokenEndpointException e =
        assertThrows(TokenEndpointException.class, () -> exchange(publicClient()));

    assertEquals("invalid_response", e.error());
    assertTrue(e.getMessage().contains("the access_token holds characters"), e.getMessage());
    assertFalse(e.getMessage().contains("at-1") || e.getMessage().contains("at 1"), e.getMessage());
  }

  @Test
  void aRefreshTokenWithAControlCharacterIsRefused() {
    server.body("{\"access_token\":\"at-1\",\"refresh_token\":\"rt\\n1\"}");

    TokenEndpointException e =
        assertThrows(TokenEndpointException.class, () -> exchange(publicClient()));

    assertTrue(
        e.getMessage().contains("the refresh_token holds control characters"), e.getMessage());
  }

  @ParameterizedTest(name = "expires_in {0}")
  @ValueSource(strings = {"\"soon\"", "-5", "1e30", "\"99999999999999999999\"", "3600.5", "true"})
  void anExpiresInThatIsNoNumberOfSecondsInRangeIsNamed(String value) {
    server.body("{\"access_token\":\"at-1\",\"expires_in\":" + value + "}");

    TokenEndpointException e =
        assertThrows(TokenEndpointException.class, () -> exchange(publicClient()));

    assertEquals("invalid_response", e.error());
    assertTrue(e.getMessage().startsWith("token endpoint: expires_in is "), e.getMessage());
  }

  @Test
  void aWholeNumberWrittenAsADecimalIsStillSeconds() throws Exception {
    server.body("{\"access_token\":\"at-1\",\"expires_in\":3600.0}");

    assertEquals(Optional.of(3600L), exchange(publicClient()).expiresIn());
  }

  /** Nothing that answers in the provider's place can make the client hold a body of any size. */
  @Test
  void aBodyOverOneMegabyteIsNotRead() {
    server.body("{\"access_token\":\"at-1\",\"pad\":\"" + "x".repeat(1 << 20) + "\"}");

    TokenEndpointException e =
        assertThrows(TokenEndpointException.class, () -> exchange(publicClient()));

    assertEquals("token endpoint answered with more than 1 MB; it is not read", e.getMessage());
  }

  /** DeviantArt (docs/providers.md): an error can come with a 200, marked by its status. */
  @Test
  void aDeviantArtErrorInA200IsAnError() {
    server.body(
        "{\"status\":\"error\",\"error\":\"invalid_request\","
            + "\"error_description\":\"Request field validation failed.\"}");

    TokenEndpointException e =
        assertThrows(TokenEndpointException.class, () -> exchange(publicClient()));

    assertEquals("invalid_request", e.error());
    assertTrue(e.getMessage().contains("Request field validation failed."), e.getMessage());
  }

  private Optional<String> revoke() throws TokenEndpointException {
    return client.revoke(
        tokenUri(),
        publicClient(),
        Secret.of("rt-to-revoke"),
        Optional.of("refresh_token"),
        Map.of());
  }

  /**
   * RFC 7009 §2.2: a 200 means the token is no longer valid, "invalid tokens do not cause an error
   * response". Keycloak 26 answers an already dead token with 200 {"error":"invalid_token"}
   * (docs/providers.md, "Keycloak"); DeviantArt with {"success": true} or {"status":"success"}.
   */
  @ParameterizedTest(name = "200 {0}")
  @ValueSource(
      strings = {
        "",
        "{}",
        "{\"success\": true}",
        "{\"status\":\"success\"}",
        "{\"error\":\"invalid_token\",\"error_description\":\"Token is not active\"}"
      })
  void anyEmptyOrJsonSuccessIsARevocation(String body) throws Exception {
    server.body(body);

    Optional<String> note = revoke();

    StubServer.Request request = onlyRequest();
    assertEquals(
        Map.of(
            "token", "rt-to-revoke", "token_type_hint", "refresh_token", "client_id", "client-1"),
        request.form());
    assertEquals(body.contains("invalid_token"), note.isPresent(), note.toString());
    note.ifPresent(n -> assertTrue(n.contains("\"invalid_token\""), n));
  }

  /** A captive portal or a proxy's page is no answer from a revocation endpoint. */
  @Test
  void aSuccessThatIsAnHtmlPageIsNoRevocation() {
    server.contentType("text/html");
    server.body("<html><head><title>Hotel Wi-Fi: sign in</title></head><body>…</body></html>");

    TokenEndpointException e = assertThrows(TokenEndpointException.class, this::revoke);

    assertTrue(
        e.getMessage().contains("not JSON (text/html): Hotel Wi-Fi: sign in"), e.getMessage());
    assertTrue(e.getMessage().contains("kept"), e.getMessage());
    assertFalse(e.getMessage().contains("rt-to-revoke"), e.getMessage());
  }

  @Test
  void anErrorStatusIsStillARefusal() {
    server.status(400);
    server.body("{\"error\":\"unsupported_token_type\"}");

    TokenEndpointException e = assertThrows(TokenEndpointException.class, this::revoke);

    assertEquals("unsupported_token_type", e.error());
  }
}
