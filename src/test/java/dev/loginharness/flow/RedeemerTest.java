package dev.loginharness.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.loginharness.oauth.AuthorizationRequest;
import dev.loginharness.oauth.ClientAuth;
import dev.loginharness.oauth.Pkce;
import dev.loginharness.oauth.StateBinding;
import dev.loginharness.oauth.TokenClient;
import dev.loginharness.oauth.TokenEndpoint;
import dev.loginharness.oauth.TokenEndpointException;
import dev.loginharness.oauth.TokenSet;
import dev.loginharness.secret.Secret;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
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

  private HttpServer server;
  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private final List<Secret> seen = new ArrayList<>();
  private volatile int status = 200;
  private final java.util.Queue<String> faults = new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final List<Long> times = new CopyOnWriteArrayList<>();
  private volatile String answer =
      "{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"refresh_token\":\"rt-1\"}";

  @BeforeEach
  void startTokenEndpoint() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/token",
        exchange -> {
          bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          times.add(System.nanoTime());
          String fault = faults.poll();
          if ("drop".equals(fault)) {
            exchange.close();
            return;
          }
          if (fault != null) {
            // "503" or "503 retry-after=N"
            String[] parts = fault.split(" retry-after=");
            if (parts.length > 1) {
              exchange.getResponseHeaders().set("Retry-After", parts[1]);
            }
            exchange.getResponseHeaders().set("Content-Type", "text/html");
            byte[] page = "<title>Service Unavailable</title>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(Integer.parseInt(parts[0]), page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
            return;
          }
          byte[] body = answer.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private Redeemer redeemer(StateBinding binding) {
    return redeemer(binding, Redeemer.DEFAULT_RETRY_WINDOW);
  }

  private Redeemer redeemer(StateBinding binding, Duration retryWindow) {
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
            URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token"),
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
        seen::add,
        retryWindow);
  }

  @Test
  void aCodeWithThisLoginsStateIsExchangedWithTheVerifier() throws Exception {
    Redeemer redeemer = redeemer(StateBinding.ECHOED);

    TokenSet tokens = redeemer.redeem(REDIRECT + "?code=" + CODE + "&state=" + STATE);

    assertEquals(Secret.of("at-1"), tokens.accessToken());
    assertEquals(Optional.of(NOW.plusSeconds(3600)), tokens.expiresAt());
    assertEquals(1, bodies.size());
    Map<String, String> form = form(bodies.get(0));
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
    assertEquals(List.of(), bodies, "a token request reached the endpoint");
    assertEquals(List.of(), seen);
  }

  /** docs/providers.md, "Pixiv": the state on the callback is the provider's own. */
  @Test
  void aProviderThatDoesNotEchoTheStateIsRedeemedWhateverStateComesBack() throws Exception {
    TokenSet tokens =
        redeemer(StateBinding.NOT_ECHOED).redeem(REDIRECT + "?state=pixivs-own-state&code=" + CODE);

    assertEquals(Secret.of("at-1"), tokens.accessToken());
    assertEquals(CODE, form(bodies.get(0)).get("code"));
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
    assertEquals(List.of(), bodies);
  }

  /** The state is checked first: a forged error must not end someone's login either. */
  @Test
  void anErrorRedirectWithAnotherStateIsAStateMismatch() {
    LoginFailedException e = refused(StateBinding.ECHOED, "?error=access_denied&state=forged");

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
    assertEquals(List.of(), bodies);
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
    assertEquals(List.of(), bodies);
    assertEquals(List.of(Secret.of("implicit-at")), seen);
  }

  @Test
  void theTokenEndpointsRefusalComesThroughWithoutTheCode() {
    status = 400;
    answer = "{\"error\":\"invalid_grant\",\"error_description\":\"code " + CODE + " expired\"}";

    TokenEndpointException e =
        assertThrows(
            TokenEndpointException.class,
            () ->
                redeemer(StateBinding.ECHOED)
                    .redeem(REDIRECT + "?code=" + CODE + "&state=" + STATE));

    assertEquals("invalid_grant", e.error());
    assertFalse(e.getMessage().contains(CODE), e.getMessage());
  }

  private LoginFailedException refused(StateBinding binding, String callbackTail) {
    return assertThrows(
        LoginFailedException.class, () -> redeemer(binding).redeem(REDIRECT + callbackTail));
  }

  private TokenSet redeemWithRetry(Duration window) throws Exception {
    return redeemer(StateBinding.ECHOED, window)
        .redeem(REDIRECT + "?code=" + CODE + "&state=" + STATE);
  }

  private TokenEndpointException failsWithRetry(Duration window) {
    return assertThrows(TokenEndpointException.class, () -> redeemWithRetry(window));
  }

  /** Issue 16, row 14: a young code survives one server failure or dropped connection. */
  @Test
  void aServerErrorOrADroppedConnectionIsRetriedAtOnce() throws Exception {
    for (String fault : List.of("503", "502", "drop")) {
      bodies.clear();
      faults.add(fault);

      TokenSet tokens = redeemWithRetry(Duration.ofSeconds(5));

      assertEquals(Secret.of("at-1"), tokens.accessToken(), fault);
      assertEquals(2, bodies.size(), fault);
      assertEquals(bodies.get(0), bodies.get(1), "the same request again");
    }
  }

  @Test
  void aThirdAttemptWaitsForRetryAfter() throws Exception {
    faults.add("503");
    faults.add("503 retry-after=1");

    TokenSet tokens = redeemWithRetry(Duration.ofSeconds(5));

    assertEquals(Secret.of("at-1"), tokens.accessToken());
    assertEquals(3, bodies.size());
    long waitedMillis = (times.get(2) - times.get(1)) / 1_000_000;
    assertTrue(waitedMillis >= 1000 && waitedMillis < 2500, waitedMillis + " ms");
  }

  @Test
  void withoutRetryAfterThereIsNoThirdAttempt() {
    faults.addAll(List.of("503", "503", "503"));

    TokenEndpointException e = failsWithRetry(Duration.ofSeconds(5));

    assertEquals(2, bodies.size());
    assertEquals("http_503", e.error());
    assertTrue(e.getMessage().endsWith("(2 attempts)"), e.getMessage());
  }

  @Test
  void aRetryAfterBeyondTheYoungWindowIsNotWaitedFor() {
    faults.addAll(List.of("503 retry-after=10", "503 retry-after=10", "503"));
    long start = System.nanoTime();

    failsWithRetry(Duration.ofSeconds(5));

    assertEquals(2, bodies.size());
    assertTrue(System.nanoTime() - start < 3_000_000_000L, "waited for the Retry-After");
  }

  @Test
  void aRefusalIsNeverRetried() {
    status = 400;
    answer = "{\"error\":\"invalid_grant\"}";

    TokenEndpointException e = failsWithRetry(Duration.ofSeconds(5));

    assertEquals(1, bodies.size());
    assertEquals("invalid_grant", e.error());
  }

  @Test
  void anOldCodeIsNotRetried() {
    faults.add("503");

    failsWithRetry(Duration.ZERO);

    assertEquals(1, bodies.size());
  }

  @Test
  void theRetryWindowIsSecondsFromTheEnvironment() {
    assertEquals(Duration.ofSeconds(5), Redeemer.retryWindow(null));
    assertEquals(Duration.ofMillis(2500), Redeemer.retryWindow("2.5"));
    assertEquals(Duration.ZERO, Redeemer.retryWindow("0"));
    assertEquals(Duration.ofSeconds(5), Redeemer.retryWindow("soon"));
  }

  @Test
  void aCallbackWithTwoStatesIsRefusedAndNothingIsSent() {
    LoginFailedException e =
        refused(StateBinding.NOT_ECHOED, "?code=" + CODE + "&state=" + STATE + "&state=forged");

    assertEquals(
        "the callback carries 2 'state' parameters; it is refused, so nothing was exchanged",
        e.getMessage());
    assertEquals(List.of(), bodies);
  }

  @Test
  void aCodeInTheFragmentIsNotExchanged() {
    LoginFailedException e = refused(StateBinding.ECHOED, "#code=" + CODE + "&state=" + STATE);

    assertTrue(e.getMessage().startsWith("the redirect URI was requested without a code"));
    assertEquals(List.of(), bodies);
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new java.util.LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      form.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return form;
  }
}
