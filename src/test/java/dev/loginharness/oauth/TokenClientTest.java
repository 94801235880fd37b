package dev.loginharness.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.loginharness.secret.Secret;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
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

  /** One request as the loopback server received it. */
  private record Received(
      String method, String path, Map<String, List<String>> headers, String body) {
    Map<String, String> form() {
      Map<String, String> form = new LinkedHashMap<>();
      for (String pair : body.split("&")) {
        int eq = pair.indexOf('=');
        form.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
      return form;
    }

    String header(String name) {
      // HttpServer normalises names to "First-letter-upper" form.
      List<String> values =
          headers.get(name.substring(0, 1).toUpperCase() + name.substring(1).toLowerCase());
      return values == null ? null : values.get(0);
    }
  }

  private HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private volatile int status = 200;
  private volatile String contentType = "application/json";
  private volatile String retryAfter;
  private volatile String responseBody =
      "{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}";

  private final TokenClient client =
      new TokenClient(new OkHttpClient(), Clock.fixed(NOW, ZoneOffset.UTC));

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    received.add(
        new Received(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getPath(),
            Map.copyOf(exchange.getRequestHeaders()),
            new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
    byte[] bytes = responseBody.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    if (retryAfter != null) {
      exchange.getResponseHeaders().set("Retry-After", retryAfter);
    }
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private URI tokenUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/oauth/token");
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

  private TokenEndpointException failedExchange() {
    return assertThrows(TokenEndpointException.class, () -> exchange(publicClient()));
  }

  private Received onlyRequest() {
    assertEquals(1, received.size(), "requests received");
    return received.get(0);
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

    Received request = onlyRequest();
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

    Received request = onlyRequest();
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

    Received request = onlyRequest();
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
    responseBody =
        """
        {"access_token":"at-1","token_type":"bearer","expires_in":3600,
         "refresh_token":"rt-1","scope":"read write",
         "user":{"id":42,"name":"alice"},"id_token":"eyJ.x.y"}
        """;

    TokenSet tokens = exchange(publicClient());

    assertEquals("at-1", tokens.accessToken().reveal());
    assertEquals("bearer", tokens.tokenType());
    assertEquals(Optional.of(3600L), tokens.expiresIn());
    assertEquals(Optional.of(NOW.plusSeconds(3600)), tokens.expiresAt());
    assertEquals("rt-1", tokens.refreshToken().orElseThrow().reveal());
    assertEquals(Optional.of("read write"), tokens.scope());
    assertEquals(Map.of("id", 42, "name", "alice"), tokens.extras().get("user"));
    assertEquals("eyJ.x.y", tokens.extras().get("id_token"));
    assertEquals(2, tokens.extras().size(), tokens.extras().keySet().toString());
  }

  @Test
  void minimalResponseDefaultsTokenTypeAndLeavesOptionalsEmpty() throws Exception {
    responseBody = "{\"access_token\":\"at-1\"}";

    TokenSet tokens = exchange(publicClient());

    assertEquals("Bearer", tokens.tokenType());
    assertEquals(Optional.empty(), tokens.expiresAt());
    assertEquals(Optional.empty(), tokens.refreshToken());
    assertEquals(Optional.empty(), tokens.scope());
  }

  @Test
  void expiresInAsStringIsAccepted() throws Exception {
    // Some providers (older Facebook, several Chinese ones) send expires_in as a JSON string.
    responseBody = "{\"access_token\":\"at-1\",\"expires_in\":\"120\"}";

    assertEquals(Optional.of(NOW.plusSeconds(120)), exchange(publicClient()).expiresAt());
  }

  @Test
  void successWithoutAccessTokenIsInvalidResponse() {
    responseBody = "{\"token_type\":\"Bearer\"}";

    TokenEndpointException e = failedExchange();

    assertEquals("invalid_response", e.error());
  }

  @Test
  void oauthErrorBecomesTokenEndpointException() {
    status = 400;
    responseBody =
        "{\"error\":\"invalid_grant\","
            + "\"error_description\":\"The authorization code has expired\"}";

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
    status = 400;
    responseBody =
        "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid authorization"
            + " code: "
            + CODE
            + "\"}";

    TokenEndpointException e = failedExchange();

    assertEquals("invalid_grant", e.error());
    assertNoSecrets(e);
  }

  @Test
  void htmlErrorPageBecomesReadableHttpError() {
    status = 403;
    contentType = "text/html; charset=UTF-8";
    responseBody =
        """
        <!DOCTYPE html>
        <html><head><title>Attention Required! | Cloudflare</title>
        <style>body { color: red; }</style></head>
        <body><h1>Sorry, you have been blocked</h1><script>var x = 1;</script></body></html>
        """;

    TokenEndpointException e = failedExchange();

    assertEquals("http_403", e.error());
    assertEquals(403, e.httpStatus());
    assertTrue(e.getMessage().contains("Attention Required! | Cloudflare"), e.getMessage());
    assertFalse(e.getMessage().matches("(?s).*<[^>]*>.*"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertNoSecrets(e);
  }

  @Test
  void serverErrorWithoutJsonKeepsStatus() {
    status = 502;
    contentType = "text/plain";
    responseBody = "upstream connect error";

    TokenEndpointException e = failedExchange();

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
    assertEquals("x".repeat(200) + "…(300 more characters)", cut);
  }

  /** Issue 16, row 2: what arrived of a cut-off token response may be the tokens themselves. */
  @Test
  void aTokenResponseCutOffMidWayIsNotQuoted() {
    String access = "eyJhbGciOiJSUzI1NiJ9.access-token-body-4711";
    String refresh = "refresh-token-body-0815-long-enough";
    responseBody =
        "{\"access_token\":\""
            + access
            + "\",\"token_type\":\"Bearer\",\"refresh_token\":\""
            + refresh.substring(0, 20);

    TokenEndpointException e = failedExchange();

    int bytes = responseBody.getBytes(StandardCharsets.UTF_8).length;
    assertEquals(
        "token endpoint answered HTTP 200 (application/json) with a body that is not valid JSON ("
            + bytes
            + " bytes)",
        e.getMessage());
    assertFalse(e.retryable(), "the code was spent on this answer");
    for (String secret : List.of(access, refresh.substring(0, 12), "access-token-body")) {
      assertFalse(e.getMessage().contains(secret), e.getMessage());
    }
  }

  /**
   * A text/plain 5xx: one that starts as JSON is described, not quoted; any other is quoted with
   * what looks like a secret taken out.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"access_token\":\"at-0123456789abcdef|not valid JSON (36 bytes)",
        "upstream said: access_token: at-0123456789abcdef, error=\"x\"|access_token: <redacted>"
      })
  void aPlainTextErrorNeverQuotesWhatLooksLikeAToken(String bodyAndExpected) {
    status = 502;
    contentType = "text/plain";
    responseBody = bodyAndExpected.substring(0, bodyAndExpected.indexOf('|'));

    String message = failedExchange().getMessage();

    assertFalse(message.contains("at-0123456789abcdef"), message);
    assertTrue(
        message.contains(bodyAndExpected.substring(bodyAndExpected.indexOf('|') + 1)), message);
  }

  /** Issue 16, row 11: provider text never drives the terminal and never floods it. */
  @Test
  void escapeSequencesAndHugeDescriptionsAreEscapedAndCut() {
    status = 400;
    String hostile = "\u001b[2J\u001b]0;pwned\u0007\u202eline\nbreak" + "x".repeat(60_000);
    responseBody =
        "{\"error\":\"invalid_request\\u001b[31m\",\"error_description\":\""
            + hostile.replace("\u001b", "\\u001b").replace("\u0007", "\\u0007").replace("\n", "\\n")
            + "\"}";

    TokenEndpointException e = failedExchange();

    String message = e.getMessage();
    assertTrue(message.chars().noneMatch(c -> c < 0x20 || c == 0x7f || c == 0x202e), message);
    assertTrue(
        message.contains("\\u001b[2J\\u001b]0;pwned\\u0007\\u202eline\\u000abreak"), message);
    assertTrue(message.contains("invalid_request\\u001b[31m"), message);
    int kept = 200 - "\u001b[2J\u001b]0;pwned\u0007\u202eline\nbreak".length();
    assertTrue(message.endsWith("…(" + (60_000 - kept) + " more characters)"), message);
    assertTrue(message.length() < 600, "length " + message.length());
  }

  @Test
  void quoteLeavesShortPrintableTextAlone() {
    assertEquals(
        "The code has expired — try again", Answers.quote("The code has expired — try again"));
    assertEquals("a\\u0009b", Answers.quote("a\tb"));
    assertEquals("x".repeat(200) + "…(1 more characters)", Answers.quote("x".repeat(201)));
  }

  @Test
  void aServerErrorIsRetryableAndCarriesItsRetryAfter() {
    status = 503;
    contentType = "text/html";
    responseBody = "<title>Service Unavailable</title>";
    retryAfter = "3";

    TokenEndpointException e = failedExchange();

    assertTrue(e.retryable());
    assertEquals(Optional.of(Duration.ofSeconds(3)), e.retryAfter());
  }

  @Test
  void aRetryAfterDateIsTheWaitUntilThen() {
    status = 503;
    retryAfter = "Wed, 21 Oct 2099 07:28:00 GMT";
    TokenEndpointException e = failedExchange();
    assertTrue(e.retryAfter().orElseThrow().toDays() > 365, e.retryAfter().toString());

    retryAfter = "soon";
    e = failedExchange();
    assertEquals(Optional.empty(), e.retryAfter());
  }

  @Test
  void anOAuthRefusalIsNotRetryable() {
    status = 400;
    responseBody = "{\"error\":\"invalid_grant\"}";

    TokenEndpointException e = failedExchange();

    assertFalse(e.retryable());
  }

  @Test
  void connectionRefusedIsNetworkError() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
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
    responseBody = "{\"access_token\":\"at-2\",\"expires_in\":60}";

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
    assertEquals(0, received.size(), "warm-up must not reach the provider");

    // The client is still usable afterwards.
    exchange(publicClient());
    assertEquals(1, received.size());
  }

  /**
   * The warm-up's made-up answer takes the whole read path, extras included, or it warms nothing.
   */
  @Test
  void theWarmUpAnswerIsATokenResponseWithExtrasOfEveryJsonKind() throws Exception {
    responseBody = WarmUpResponder.ANSWER;

    TokenSet tokens = exchange(publicClient());

    assertEquals("warm-up", tokens.accessToken().reveal());
    assertTrue(tokens.refreshToken().isPresent());
    assertEquals("warm.up.token", tokens.extras().get("id_token"));
    assertEquals(
        Map.of("list", Arrays.asList(1, 2.5, true, null), "name", "warm-up"),
        tokens.extras().get("claims"));
  }

  /**
   * A token that cannot go into a header as it is (RFC 6750 b64token) is refused, never handed out:
   * a CR LF in it would add a header of the provider's choosing to every request.
   */
  @ParameterizedTest(name = "access_token {0}")
  @ValueSource(strings = {"at-1\\r\\nX-Evil: 1", "at 1", "at-\\u00e9", "=at"})
  void anAccessTokenThatIsNoBearerTokenIsRefused(String token) {
    responseBody = "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\"}";

    TokenEndpointException e = failedExchange();

    assertEquals("invalid_response", e.error());
    assertTrue(e.getMessage().contains("the access_token holds characters"), e.getMessage());
    assertFalse(e.getMessage().contains("at-1") || e.getMessage().contains("at 1"), e.getMessage());
  }

  @Test
  void aRefreshTokenWithAControlCharacterIsRefused() {
    responseBody = "{\"access_token\":\"at-1\",\"refresh_token\":\"rt\\n1\"}";

    TokenEndpointException e = failedExchange();

    assertTrue(
        e.getMessage().contains("the refresh_token holds control characters"), e.getMessage());
  }

  @ParameterizedTest(name = "expires_in {0}")
  @ValueSource(strings = {"\"soon\"", "-5", "1e30", "\"99999999999999999999\"", "3600.5", "true"})
  void anExpiresInThatIsNoNumberOfSecondsInRangeIsNamed(String value) {
    responseBody = "{\"access_token\":\"at-1\",\"expires_in\":" + value + "}";

    TokenEndpointException e = failedExchange();

    assertEquals("invalid_response", e.error());
    assertTrue(e.getMessage().startsWith("token endpoint: expires_in is "), e.getMessage());
  }

  @Test
  void aWholeNumberWrittenAsADecimalIsStillSeconds() throws Exception {
    responseBody = "{\"access_token\":\"at-1\",\"expires_in\":3600.0}";

    assertEquals(Optional.of(3600L), exchange(publicClient()).expiresIn());
  }

  /** Nothing that answers in the provider's place can make the client hold a body of any size. */
  @Test
  void aBodyOverOneMegabyteIsNotRead() {
    responseBody = "{\"access_token\":\"at-1\",\"pad\":\"" + "x".repeat(1 << 20) + "\"}";

    TokenEndpointException e = failedExchange();

    assertEquals("token endpoint answered with more than 1 MB; it is not read", e.getMessage());
  }

  /** DeviantArt (docs/providers.md): an error can come with a 200, marked by its status. */
  @Test
  void aDeviantArtErrorInA200IsAnError() {
    responseBody =
        "{\"status\":\"error\",\"error\":\"invalid_request\","
            + "\"error_description\":\"Request field validation failed.\"}";

    TokenEndpointException e = failedExchange();

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
    responseBody = body;

    Optional<String> note = revoke();

    Received request = onlyRequest();
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
    contentType = "text/html";
    responseBody = "<html><head><title>Hotel Wi-Fi: sign in</title></head><body>…</body></html>";

    TokenEndpointException e = assertThrows(TokenEndpointException.class, this::revoke);

    assertTrue(
        e.getMessage().contains("not JSON (text/html): Hotel Wi-Fi: sign in"), e.getMessage());
    assertTrue(e.getMessage().contains("kept"), e.getMessage());
    assertFalse(e.getMessage().contains("rt-to-revoke"), e.getMessage());
  }

  @Test
  void anErrorStatusIsStillARefusal() {
    status = 400;
    responseBody = "{\"error\":\"unsupported_token_type\"}";

    TokenEndpointException e = assertThrows(TokenEndpointException.class, this::revoke);

    assertEquals("unsupported_token_type", e.error());
  }
}
