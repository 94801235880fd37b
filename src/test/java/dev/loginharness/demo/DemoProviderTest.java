package dev.loginharness.demo;

import static dev.loginharness.demo.LoopbackClient.CHALLENGE;
import static dev.loginharness.demo.LoopbackClient.VERIFIER;
import static dev.loginharness.demo.LoopbackClient.json;
import static dev.loginharness.demo.LoopbackClient.location;
import static dev.loginharness.demo.LoopbackClient.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loginharness.oauth.ClientAuth;
import dev.loginharness.oauth.StateBinding;
import dev.loginharness.provider.ProviderProfile;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DemoProviderTest {
  private static final String REDIRECT = "http://127.0.0.1:9/callback";

  private final List<DemoProvider> started = new ArrayList<>();

  @AfterEach
  void closeProviders() {
    started.forEach(DemoProvider::close);
  }

  private DemoProvider start(UnaryOperator<DemoProvider.Builder> customize) throws IOException {
    DemoProvider provider =
        customize
            .apply(
                DemoProvider.builder()
                    .client("demo-client")
                    .redirectUri(REDIRECT)
                    .user("alice", "wonderland"))
            .start();
    started.add(provider);
    return provider;
  }

  private DemoProvider start() throws IOException {
    return start(b -> b);
  }

  @Nested
  class AsAFixture {
    @Test
    void withNothingSetItIsAPublicClientWithItsOwnCallbackAndAUserOfThisRun() {
      DemoProvider provider = DemoProvider.builder().start();
      started.add(provider);
      DemoProvider other = DemoProvider.builder().start();
      started.add(other);

      assertEquals(DemoProvider.DEFAULT_CLIENT, provider.clientId());
      assertEquals(DemoProvider.DEFAULT_USER, provider.user().username());
      assertTrue(provider.user().password().length() >= 20, "an unguessable password");
      assertNotEquals(provider.user().password(), other.user().password());
      assertEquals("User[demo-user, ***]", provider.user().toString());

      ProviderProfile profile = provider.profile();
      String callback = provider.baseUrl() + DemoProvider.DEFAULT_CALLBACK_PATH;
      assertEquals("demo", profile.name());
      assertEquals(URI.create(provider.authorizationEndpoint()), profile.authorizationEndpoint());
      assertEquals(URI.create(provider.tokenEndpoint()), profile.tokenEndpoint());
      assertEquals(DemoProvider.DEFAULT_CLIENT, profile.clientId());
      assertEquals(ClientAuth.NONE, profile.clientAuth());
      assertEquals(Optional.empty(), profile.clientSecret());
      assertEquals(callback, profile.redirectUri());
      assertEquals(Optional.of(URI.create(provider.userinfoEndpoint())), profile.checkEndpoint());
      assertEquals(
          Optional.of(URI.create(provider.revocationEndpoint())), profile.revocationEndpoint());
      assertEquals(StateBinding.ECHOED, profile.state());

      // The profile and user work: a sign-in redirects to the callback, which the provider serves
      // without echoing the code, and the code redeems with the profile's redirect URI.
      LoopbackClient client = new LoopbackClient(provider);
      HttpResponse<String> login =
          client.signIn(
              client.authorizeUrl(profile.redirectUri(), Map.of()),
              provider.user().username(),
              provider.user().password());
      assertEquals(302, login.statusCode(), login.body());
      String location = location(login);
      assertTrue(location.startsWith(callback + "?"), location);
      String code = query(location).get("code");
      HttpResponse<String> page = client.get(location);
      assertEquals(200, page.statusCode());
      assertTrue(page.body().contains("Signed in"), page.body());
      assertFalse(page.body().contains(code), "the callback page does not show the code");
      assertEquals(200, client.redeem(code, profile.redirectUri(), VERIFIER).statusCode());
    }

    @Test
    void theProfileFollowsTheBuildersSettings() {
      DemoProvider provider =
          DemoProvider.builder()
              .client("c")
              .clientSecret("s3cret")
              .redirectUri(REDIRECT)
              .redirectUri("http://127.0.0.1:10/other")
              .requiredHeader("User-Agent", "DemoApp/1.0")
              .user("bob", "builder")
              .user("alice", "wonderland")
              .start();
      started.add(provider);

      assertEquals(new DemoProvider.User("bob", "builder"), provider.user());
      ProviderProfile profile = provider.profile();
      assertEquals(REDIRECT, profile.redirectUri(), "the first redirect URI registered");
      assertEquals(Optional.of("s3cret"), profile.clientSecret());
      assertEquals(ClientAuth.BASIC, profile.clientAuth());
      assertEquals(Map.of("User-Agent", "DemoApp/1.0"), profile.headers());
      assertFalse(provider.toString().contains("s3cret"));
    }

    @Test
    void withOnlyTheAppHopTheProfileIsPixivsAppLogin() {
      DemoProvider provider = DemoProvider.builder().appRedirect("demoapp").start();
      started.add(provider);

      ProviderProfile profile = provider.profile();
      assertEquals(
          URI.create(provider.appAuthorizationEndpoint()), profile.authorizationEndpoint());
      assertEquals(provider.appCallbackUri(), profile.redirectUri());
      assertEquals(List.of("demoapp://account/login"), profile.callbackAliases());
      assertEquals(StateBinding.NOT_ECHOED, profile.state());
      assertEquals(
          java.util.Set.of(provider.appCallbackUri()),
          provider.redirectUris(),
          "no callback of its own beside the app hop");
    }
  }

  @Nested
  class CodeFlow {
    @Test
    void fullFlowReturnsTokensAndRecordsTheRedemption() throws IOException {
      DemoProvider provider = start();
      LoopbackClient client = new LoopbackClient(provider);

      HttpResponse<String> login =
          client.signIn(
              client.authorizeUrl(REDIRECT, Map.of("scope", "read write", "state", "a b&c=d/é")),
              "alice",
              "wonderland");
      assertEquals(302, login.statusCode());
      assertEquals("no-store", login.headers().firstValue("Cache-Control").orElse(null));
      String location = location(login);
      assertTrue(location.startsWith(REDIRECT + "?code="), location);
      Map<String, String> callback = query(location);
      assertEquals("a b&c=d/é", callback.get("state"));
      String code = callback.get("code");
      assertTrue(Base64.getUrlDecoder().decode(code).length >= 16, "code has at least 128 bits");

      HttpResponse<String> token = client.redeem(code, REDIRECT, VERIFIER);
      assertEquals(200, token.statusCode(), token.body());
      assertEquals("no-store", token.headers().firstValue("Cache-Control").orElse(null));
      assertTrue(
          token.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
      assertNotNull(json(token.body(), "access_token"));
      assertNotNull(json(token.body(), "refresh_token"));
      assertEquals("Bearer", json(token.body(), "token_type"));
      assertEquals("3600", json(token.body(), "expires_in"));
      assertEquals("read write", json(token.body(), "scope"));

      assertEquals(1, provider.tokenRequestCount());
      List<Redemption> redemptions = provider.redemptions();
      assertEquals(1, redemptions.size());
      Redemption redemption = redemptions.get(0);
      assertEquals("demo-client", redemption.clientId());
      assertTrue(redemption.codeAge().compareTo(Duration.ZERO) > 0, redemption.toString());
      assertTrue(redemption.codeAge().compareTo(Duration.ofSeconds(10)) < 0, redemption.toString());
      long headerMicros =
          Long.parseLong(token.headers().firstValue("X-Demo-Code-Age-Micros").orElseThrow());
      assertEquals(redemption.codeAge().toNanos() / 1000, headerMicros);
    }

    @Test
    void aRememberedBrowserIsApprovedForTheSameUserWithoutSigningIn() throws IOException {
      DemoProvider provider = start(b -> b.user("bob", "builder").rememberSignIn(true));
      LoopbackClient client = new LoopbackClient(provider);
      HttpResponse<String> login =
          client.signIn(client.authorizeUrl(REDIRECT, Map.of()), "bob", "builder");
      String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
      assertTrue(cookie.startsWith("demo_session="), cookie);

      HttpResponse<String> again =
          client.send(
              HttpRequest.newBuilder(
                      URI.create(client.authorizeUrl(REDIRECT, Map.of("state", "second"))))
                  .header("Cookie", cookie)
                  .build());
      assertEquals(302, again.statusCode(), again.body());
      Map<String, String> callback = query(location(again));
      assertEquals("second", callback.get("state"));
      HttpResponse<String> token = client.redeem(callback.get("code"), REDIRECT, VERIFIER);
      assertEquals(200, token.statusCode(), token.body());
      HttpResponse<String> me =
          client.send(
              HttpRequest.newBuilder(URI.create(provider.userinfoEndpoint()))
                  .header("Authorization", "Bearer " + json(token.body(), "access_token"))
                  .build());
      assertEquals("bob", json(me.body(), "sub"));
      assertEquals(1, provider.rememberedSignInCount());

      HttpResponse<String> unknown =
          client.send(
              HttpRequest.newBuilder(URI.create(client.authorizeUrl(REDIRECT, Map.of())))
                  .header("Cookie", "demo_session=made-up")
                  .build());
      assertEquals(200, unknown.statusCode(), "an unknown session signs in again");
    }

    @Test
    void pageLatencyHoldsTheBrowsersPagesBack() throws IOException {
      DemoProvider provider = start(b -> b.pageLatency(Duration.ofMillis(300)));
      LoopbackClient client = new LoopbackClient(provider);
      long start = System.nanoTime();
      HttpResponse<String> page =
          client.send(
              HttpRequest.newBuilder(URI.create(client.authorizeUrl(REDIRECT, Map.of()))).build());
      assertEquals(200, page.statusCode(), page.body());
      assertTrue(
          System.nanoTime() - start >= Duration.ofMillis(300).toNanos(), "answered too soon");
      assertThrows(
          IllegalArgumentException.class,
          () -> DemoProvider.builder().pageLatency(Duration.ofMillis(-1)));
    }

    @Test
    void withoutRememberSignInNoSessionCookieIsSet() throws IOException {
      DemoProvider provider = start();
      LoopbackClient client = new LoopbackClient(provider);
      HttpResponse<String> login =
          client.signIn(client.authorizeUrl(REDIRECT, Map.of()), "alice", "wonderland");
      assertEquals(302, login.statusCode());
      assertTrue(login.headers().firstValue("Set-Cookie").isEmpty());
    }

    @Test
    void scopeIsOmittedWhenNotRequestedAndExpiresInFollowsConfiguration() throws IOException {
      DemoProvider provider = start(b -> b.accessTokenLifetime(Duration.ofMinutes(5)));
      LoopbackClient client = new LoopbackClient(provider);
      HttpResponse<String> token =
          client.redeem(client.code(REDIRECT, Map.of()), REDIRECT, VERIFIER);
      assertEquals(200, token.statusCode(), token.body());
      assertNull(json(token.body(), "scope"));
      assertEquals("300", json(token.body(), "expires_in"));
    }

    @Test
    void loginPageHasTheExpectedFormAndAnOpaqueRequestId() throws IOException {
      LoopbackClient client = new LoopbackClient(start());
      HttpResponse<String> page = client.get(client.authorizeUrl(REDIRECT, Map.of()));
      String html = page.body();
      assertEquals(200, page.statusCode());
      assertTrue(html.contains("<title>Demo provider – sign in</title>"), html);
      assertTrue(html.contains("<form method=\"post\" action=\"/login\">"), html);
      assertTrue(
          html.contains(
              "<input type=\"text\" name=\"username\" id=\"username\" autocomplete=\"username\""),
          html);
      assertTrue(
          html.contains(
              "<input type=\"password\" name=\"password\" id=\"password\" autocomplete=\"current-password\">"),
          html);
      assertTrue(html.contains("<button type=\"submit\">Sign in</button>"), html);
      String id = LoopbackClient.requestId(html);
      assertFalse(html.contains("st-123"), "state must not be in the page");
      assertFalse(html.contains(CHALLENGE), "challenge must not be in the page");
      assertNotEquals("st-123", id);
    }

    @Test
    void redirectUriWithQueryGetsParametersAppendedWithAmpersand() throws IOException {
      String withQuery = "http://127.0.0.1:9/cb?tenant=x";
      DemoProvider provider = start(b -> b.redirectUri(withQuery));
      LoopbackClient client = new LoopbackClient(provider);
      HttpResponse<String> login =
          client.signIn(client.authorizeUrl(withQuery, Map.of()), "alice", "wonderland");
      assertTrue(location(login).startsWith(withQuery + "&code="), location(login));
      assertEquals(
          200, client.redeem(query(location(login)).get("code"), withQuery, VERIFIER).statusCode());
    }

    @Test
    void concurrentFlowsAllSucceed() throws Exception {
      DemoProvider provider = start();
      LoopbackClient client = new LoopbackClient(provider);
      List<CompletableFuture<Integer>> flows = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        flows.add(
            CompletableFuture.supplyAsync(
                () ->
                    client
                        .redeem(client.code(REDIRECT, Map.of()), REDIRECT, VERIFIER)
                        .statusCode()));
      }
      for (CompletableFuture<Integer> flow : flows) {
        assertEquals(200, flow.get());
      }
      assertEquals(12, provider.redemptions().size());
    }
  }

  @Nested
  class Login {
    @Test
    void wrongPasswordShowsTheFormAgainWithAnAlert() throws IOException {
      LoopbackClient client = new LoopbackClient(start());
      HttpResponse<String> login =
          client.signIn(client.authorizeUrl(REDIRECT, Map.of()), "alice", "guess-wrong");
      assertEquals(200, login.statusCode());
      assertTrue(login.headers().firstValue("Location").isEmpty());
      String html = login.body();
      assertTrue(
          html.contains("<div class=\"error\" role=\"alert\">Invalid username or password.</div>"),
          html);
      assertTrue(html.contains("value=\"alice\""), "username is refilled");
      assertFalse(html.contains("guess-wrong"), "password is never echoed");
    }

    @Test
    void aCorrectRetryOnTheSameFormSucceeds() throws IOException {
      DemoProvider provider = start();
      LoopbackClient client = new LoopbackClient(provider);
      HttpResponse<String> failed =
          client.signIn(client.authorizeUrl(REDIRECT, Map.of()), "alice", "nope");
      HttpResponse<String> retry =
          client.postForm(
              provider.baseUrl() + "/login",
              Map.of(
                  "request_id",
                  LoopbackClient.requestId(failed.body()),
                  "username",
                  "alice",
                  "password",
                  "wonderland"));
      assertEquals(302, retry.statusCode());
    }

    @Test
    void unknownOrFinishedRequestIdIs400() throws IOException {
      DemoProvider provider = start();
      LoopbackClient client = new LoopbackClient(provider);
      HttpResponse<String> page = client.get(client.authorizeUrl(REDIRECT, Map.of()));
      Map<String, String> form =
          Map.of(
              "request_id",
              LoopbackClient.requestId(page.body()),
              "username",
              "alice",
              "password",
              "wonderland");
      assertEquals(302, client.postForm(provider.baseUrl() + "/login", form).statusCode());
      assertEquals(
          400,
          client.postForm(provider.baseUrl() + "/login", form).statusCode(),
          "ids are single-use");
      assertEquals(
          400,
          client
              .postForm(
                  provider.baseUrl() + "/login",
                  Map.of("request_id", "made-up", "username", "alice", "password", "wonderland"))
              .statusCode());
    }

    @Test
    void denyConsentRedirectsWithAccessDenied() throws IOException {
      LoopbackClient client = new LoopbackClient(start(b -> b.denyConsent(true)));
      HttpResponse<String> login =
          client.signIn(client.authorizeUrl(REDIRECT, Map.of()), "alice", "wonderland");
      assertEquals(302, login.statusCode());
      assertEquals(
          REDIRECT + "?error=access_denied&error_description=The+user+denied+access&state=st-123",
          location(login));
    }

    @Test
    void tamperStateEchoesADifferentState() throws IOException {
      LoopbackClient client = new LoopbackClient(start(b -> b.tamperState(true)));
      HttpResponse<String> login =
          client.signIn(client.authorizeUrl(REDIRECT, Map.of()), "alice", "wonderland");
      Map<String, String> callback = query(location(login));
      assertNotNull(callback.get("code"));
      assertNotNull(callback.get("state"));
      assertNotEquals("st-123", callback.get("state"));
    }
  }

  @Nested
  class AuthorizationRequestValidation {
    @Test
    void redirectUriMismatchIs400AndNeverRedirects() throws IOException {
      LoopbackClient client = new LoopbackClient(start());
      for (String almost :
          List.of(
              REDIRECT + "/",
              REDIRECT + "?x=1",
              "http://127.0.0.1:9/CALLBACK",
              "https://evil.example/cb")) {
        HttpResponse<String> response = client.get(client.authorizeUrl(almost, Map.of()));
        assertEquals(400, response.statusCode(), almost);
        assertTrue(response.headers().firstValue("Location").isEmpty(), almost);
        assertTrue(response.body().contains("redirect_uri"), response.body());
      }
    }

    @Test
    void unknownClientIs400AndNeverRedirects() throws IOException {
      LoopbackClient client = new LoopbackClient(start());
      HttpResponse<String> response =
          client.get(client.authorizeUrl(REDIRECT, Map.of("client_id", "other")));
      assertEquals(400, response.statusCode());
      assertTrue(response.headers().firstValue("Location").isEmpty());
    }

    @Test
    void unknownResponseTypeIs400() throws IOException {
      LoopbackClient client = new LoopbackClient(start());
      assertEquals(
          400,
          client
              .get(client.authorizeUrl(REDIRECT, Map.of("response_type", "id_token")))
              .statusCode());
    }

    @Test
    void implicitResponseTypeWithoutAllowImplicitIsRedirectedBackAsUnsupported()
        throws IOException {
      LoopbackClient client = new LoopbackClient(start());
      HttpResponse<String> response =
          client.get(client.authorizeUrl(REDIRECT, Map.of("response_type", "token")));
      assertEquals(302, response.statusCode());
      Map<String, String> callback = query(location(response));
      assertEquals("unsupported_response_type", callback.get("error"));
      assertEquals("st-123", callback.get("state"));
    }

    @Test
    void plainOrMissingChallengeMethodIsRedirectedBackAsInvalidRequest() throws IOException {
      LoopbackClient client = new LoopbackClient(start());
      Map<String, String> plain = new HashMap<>(Map.of("code_challenge_method", "plain"));
      Map<String, String> missing = new HashMap<>();
      missing.put("code_challenge_method", null);
      Map<String, String> noChallenge = new HashMap<>();
      noChallenge.put("code_challenge", null);
      for (Map<String, String> overrides :
          List.of(plain, missing, noChallenge, Map.of("code_challenge", "short"))) {
        HttpResponse<String> response = client.get(client.authorizeUrl(REDIRECT, overrides));
        assertEquals(302, response.statusCode(), overrides.toString());
        Map<String, String> callback = query(location(response));
        assertEquals("invalid_request", callback.get("error"), overrides.toString());
        assertNotNull(callback.get("error_description"));
        assertEquals("st-123", callback.get("state"));
        assertNull(callback.get("code"));
      }
    }

    @Test
    void repeatedOAuthParameterIsInvalidRequest() throws IOException {
      DemoProvider provider = start();
      LoopbackClient client = new LoopbackClient(provider);
      String url = client.authorizeUrl(REDIRECT, Map.of()) + "&scope=a&scope=b";
      assertEquals("invalid_request", query(location(client.get(url))).get("error"));
      String duplicateClient = client.authorizeUrl(REDIRECT, Map.of()) + "&client_id=demo-client";
      assertEquals(400, client.get(duplicateClient).statusCode());
    }
  }

  @Nested
  class TokenEndpoint {
    @Test
    void verifierMismatchIsInvalidGrant() throws IOException {
      LoopbackClient client = new LoopbackClient(start());
      String code = client.code(REDIRECT, Map.of());
      HttpResponse<String> token = client.redeem(code, REDIRECT, "x".repeat(43));
      assertEquals(400, token.statusCode());
      assertEquals("invalid_grant", json(token.body(), "error"));
      assertNotNull(json(token.body(), "error_description"));
    }

    @Test
    void malformedVerifierIsInvalidRequest() throws IOException {
      LoopbackClient client = new LoopbackClient(start());
      HttpResponse<String> token =
          client.redeem(client.code(REDIRECT, Map.of()), REDIRECT, "too-short");
      assertEquals("invalid_request", json(token.body(), "error"));
    }

    @Test
    void redirectUriMustMatchTheAuthorizationRequest() throws IOException {
      String other = "http://127.0.0.1:9/other";
      LoopbackClient client = new LoopbackClient(start(b -> b.redirectUri(other)));
      HttpResponse<String> token = client.redeem(client.code(REDIRECT, Map.of()), other, VERIFIER);
      assertEquals("invalid_grant", json(token.body(), "error"));
    }

    @Test
    void codeReuseIsInvalidGrantAndRevokesTheTokensItProduced() throws IOException {
      DemoProvider provider = start();
      LoopbackClient client = new LoopbackClient(provider);
      String code = client.code(REDIRECT, Map.of());
      HttpResponse<String> first = client.redeem(code, REDIRECT, VERIFIER);
      assertEquals(200, first.statusCode());
      HttpResponse<String> second = client.redeem(code, REDIRECT, VERIFIER);
      assertEquals(400, second.statusCode());
      assertEquals("invalid_grant", json(second.body(), "error"));
      assertEquals("code already used", json(second.body(), "error_description"));
      assertEquals(2, provider.tokenRequestCount());
      assertEquals(1, provider.redemptions().size());

      HttpResponse<String> refresh = refresh(client, provider, json(first.body(), "refresh_token"));
      assertEquals("invalid_grant", json(refresh.body(), "error"));
    }

    @Test
    void unknownCodeIsInvalidGrant() throws IOException {
      LoopbackClient client = new LoopbackClient(start());
      assertEquals(
          "invalid_grant", json(client.redeem("no-such-code", REDIRECT, VERIFIER).body(), "error"));
    }

    @Test
    void expiredCodeIsInvalidGrantByMonotonicAge() throws Exception {
      DemoProvider provider = start(b -> b.codeLifetime(Duration.ofMillis(1)));
      LoopbackClient client = new LoopbackClient(provider);
      String code = client.code(REDIRECT, Map.of());
      Thread.sleep(20);
      HttpResponse<String> token = client.redeem(code, REDIRECT, VERIFIER);
      assertEquals(400, token.statusCode());
      assertEquals("invalid_grant", json(token.body(), "error"));
      assertTrue(
          json(token.body(), "error_description")
              .matches("authorization code expired \\(age \\d+ ms, lifetime 1 ms\\)"),
          token.body());
      assertTrue(provider.redemptions().isEmpty());
    }

    @Test
    void expiredCodeIsInvalidGrantWhenTheClockMovesOn() throws IOException {
      MutableClock clock = new MutableClock();
      DemoProvider provider = start(b -> b.clock(clock));
      LoopbackClient client = new LoopbackClient(provider);
      String code = client.code(REDIRECT, Map.of());
      clock.advance(Duration.ofSeconds(31));
      HttpResponse<String> token = client.redeem(code, REDIRECT, VERIFIER);
      assertEquals(
          "authorization code expired (age 31000 ms, lifetime 30000 ms)",
          json(token.body(), "error_description"));
    }

    @Test
    void refreshRotatesAndTheOldTokenCannotBeReused() throws IOException {
      DemoProvider provider = start();
      LoopbackClient client = new LoopbackClient(provider);
      HttpResponse<String> first =
          client.redeem(client.code(REDIRECT, Map.of("scope", "read write")), REDIRECT, VERIFIER);
      String oldRefresh = json(first.body(), "refresh_token");

      HttpResponse<String> refreshed = refresh(client, provider, oldRefresh);
      assertEquals(200, refreshed.statusCode(), refreshed.body());
      assertNotEquals(oldRefresh, json(refreshed.body(), "refresh_token"));
      assertNotEquals(json(first.body(), "access_token"), json(refreshed.body(), "access_token"));
      assertEquals("read write", json(refreshed.body(), "scope"));

      HttpResponse<String> reuse = refresh(client, provider, oldRefresh);
      assertEquals(400, reuse.statusCode());
      assertEquals("invalid_grant", json(reuse.body(), "error"));
      assertEquals(
          200, refresh(client, provider, json(refreshed.body(), "refresh_token")).statusCode());
      assertEquals(1, provider.redemptions().size(), "refreshes are not code redemptions");
    }

    @Test
    void unknownGrantTypeAndMissingParametersAreReportedAsJson() throws IOException {
      DemoProvider provider = start();
      LoopbackClient client = new LoopbackClient(provider);
      HttpResponse<String> unknown =
          client.postForm(
              provider.tokenEndpoint(),
              Map.of("grant_type", "password", "client_id", "demo-client"));
      assertEquals(400, unknown.statusCode());
      assertEquals("unsupported_grant_type", json(unknown.body(), "error"));

      HttpResponse<String> missing =
          client.postForm(
              provider.tokenEndpoint(),
              Map.of("grant_type", "authorization_code", "client_id", "demo-client"));
      assertEquals("invalid_request", json(missing.body(), "error"));

      HttpResponse<String> noClient =
          client.postForm(provider.tokenEndpoint(), Map.of("grant_type", "refresh_token"));
      assertEquals(401, noClient.statusCode());
      assertEquals("invalid_client", json(noClient.body(), "error"));
      assertEquals(3, provider.tokenRequestCount());
    }

    @Test
    void requiredHeaderMismatchIsAnHtml403() throws IOException {
      DemoProvider provider = start(b -> b.requiredHeader("User-Agent", "DemoApp/1.0"));
      LoopbackClient client = new LoopbackClient(provider);
      String code = client.code(REDIRECT, Map.of());
      HttpResponse<String> blocked = client.redeem(code, REDIRECT, VERIFIER);
      assertEquals(403, blocked.statusCode());
      assertTrue(blocked.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
      assertTrue(blocked.body().startsWith("<html><body><h1>403 Forbidden</h1>"), blocked.body());

      HttpResponse<String> allowed =
          client.redeem(code, REDIRECT, VERIFIER, "User-Agent", "DemoApp/1.0");
      assertEquals(200, allowed.statusCode(), "the blocked request did not consume the code");
      assertEquals(2, provider.tokenRequestCount());
    }

    private HttpResponse<String> refresh(
        LoopbackClient client, DemoProvider provider, String refreshToken) {
      return client.postForm(
          provider.tokenEndpoint(),
          Map.of(
              "grant_type",
              "refresh_token",
              "refresh_token",
              refreshToken,
              "client_id",
              "demo-client"));
    }
  }

  @Nested
  class ConfidentialClient {
    private DemoProvider provider;
    private LoopbackClient client;

    private Map<String, String> codeForm() {
      Map<String, String> form = new LinkedHashMap<>();
      form.put("grant_type", "authorization_code");
      form.put("code", client.code(REDIRECT, Map.of()));
      form.put("redirect_uri", REDIRECT);
      form.put("code_verifier", VERIFIER);
      return form;
    }

    private void startConfidential() throws IOException {
      provider = start(b -> b.clientSecret("s3cret:with+specials"));
      client = new LoopbackClient(provider);
    }

    private static String basic(String id, String secret) {
      String pair = LoopbackClient.encode(id) + ":" + LoopbackClient.encode(secret);
      return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void httpBasicIsAccepted() throws IOException {
      startConfidential();
      HttpResponse<String> token =
          client.postForm(
              provider.tokenEndpoint(),
              codeForm(),
              "Authorization",
              basic("demo-client", "s3cret:with+specials"));
      assertEquals(200, token.statusCode(), token.body());
    }

    @Test
    void secretInTheBodyIsAccepted() throws IOException {
      startConfidential();
      Map<String, String> form = codeForm();
      form.put("client_id", "demo-client");
      form.put("client_secret", "s3cret:with+specials");
      assertEquals(200, client.postForm(provider.tokenEndpoint(), form).statusCode());
    }

    @Test
    void wrongBasicSecretIs401WithAChallenge() throws IOException {
      startConfidential();
      HttpResponse<String> token =
          client.postForm(
              provider.tokenEndpoint(), codeForm(), "Authorization", basic("demo-client", "wrong"));
      assertEquals(401, token.statusCode());
      assertEquals("invalid_client", json(token.body(), "error"));
      assertTrue(token.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
    }

    @Test
    void missingOrDoubleCredentialsAreRejected() throws IOException {
      startConfidential();
      Map<String, String> noSecret = codeForm();
      noSecret.put("client_id", "demo-client");
      HttpResponse<String> missing = client.postForm(provider.tokenEndpoint(), noSecret);
      assertEquals(401, missing.statusCode());
      assertEquals("invalid_client", json(missing.body(), "error"));

      Map<String, String> both = codeForm();
      both.put("client_secret", "s3cret:with+specials");
      HttpResponse<String> twice =
          client.postForm(
              provider.tokenEndpoint(),
              both,
              "Authorization",
              basic("demo-client", "s3cret:with+specials"));
      assertEquals(400, twice.statusCode());
      assertEquals("invalid_request", json(twice.body(), "error"));
    }

    @Test
    void toStringShowsNoSecrets() throws IOException {
      startConfidential();
      String text = provider.toString();
      assertTrue(text.contains(provider.baseUrl()) && text.contains("demo-client"), text);
      assertFalse(text.contains("s3cret") || text.contains("wonderland"), text);
      assertFalse(text.contains("\n"));
    }
  }

  @Nested
  class AppHop {
    /** Pixiv's app login as docs/providers.md ("Pixiv") describes it, hop by hop. */
    @Test
    void appLoginBehavesAsPixivsDoes() throws IOException {
      DemoProvider provider = start(b -> b.appRedirect("demoapp"));
      LoopbackClient client = new LoopbackClient(provider);
      String hop = provider.appCallbackUri();
      assertEquals(provider.baseUrl() + "/app/callback", hop);
      assertTrue(provider.redirectUris().contains(hop));
      assertEquals(provider.baseUrl() + "/web/v1/login", provider.appAuthorizationEndpoint());

      // Only the challenge counts: the client's state, client id and redirect URI are ignored.
      HttpResponse<String> login =
          client.get(
              provider.appAuthorizationEndpoint()
                  + "?code_challenge="
                  + CHALLENGE
                  + "&code_challenge_method=S256&client=pixiv-android&state=st-123"
                  + "&client_id=someone-else&redirect_uri=http%3A%2F%2F127.0.0.1%3A9%2Fcallback");
      assertEquals(302, login.statusCode(), login.body());
      // The sign-in page is on another host name, as Pixiv's is on accounts.pixiv.net.
      String signInHost = "http://localhost:" + URI.create(provider.baseUrl()).getPort();
      String signIn = location(login);
      assertTrue(signIn.startsWith(signInHost + "/app/sign-in?request="), signIn);
      HttpResponse<String> page = client.get(signIn);
      assertEquals(200, page.statusCode(), page.body());
      HttpResponse<String> signedIn =
          client.postForm(
              signInHost + "/login",
              Map.of(
                  "request_id",
                  LoopbackClient.requestId(page.body()),
                  "username",
                  "alice",
                  "password",
                  "wonderland"));

      String callback = location(signedIn);
      assertTrue(callback.startsWith(hop + "?code="), callback);
      String pixivsState = query(callback).get("state");
      assertNotNull(pixivsState, "the https hop carries a state of the provider's own");
      assertNotEquals("st-123", pixivsState);
      HttpResponse<String> bounce = client.get(callback);
      assertEquals(302, bounce.statusCode());
      String app = location(bounce);
      assertEquals(
          "demoapp://account/login?code=" + query(callback).get("code") + "&via=login", app);

      assertEquals(200, client.redeem(query(app).get("code"), hop, VERIFIER).statusCode());
    }

    @ParameterizedTest(name = "refused: {0}")
    @ValueSource(
        strings = {
          "code_challenge_method=plain",
          "code_challenge_method=S256",
          "code_challenge=short"
        })
    void appLoginNeedsAnS256Challenge(String query) throws IOException {
      DemoProvider provider = start(b -> b.appRedirect("demoapp"));
      HttpResponse<String> login =
          new LoopbackClient(provider)
              .get(
                  provider.appAuthorizationEndpoint()
                      + "?"
                      + query
                      + (query.endsWith("plain") ? "&code_challenge=" + CHALLENGE : "")
                      + (query.startsWith("code_challenge=") ? "&code_challenge_method=S256" : ""));
      assertEquals(400, login.statusCode(), login.body());
    }

    @Test
    void appCallbackUriWithoutHopIsAnError() throws IOException {
      DemoProvider provider = start();
      assertThrows(IllegalStateException.class, provider::appCallbackUri);
      assertEquals(
          404,
          new LoopbackClient(provider)
              .get(provider.baseUrl() + "/app/callback?code=x")
              .statusCode());
    }
  }

  @Nested
  class Server {
    @Test
    void unknownPathsAre404AndWrongMethodsAre405() throws IOException {
      DemoProvider provider = start();
      LoopbackClient client = new LoopbackClient(provider);
      assertEquals(404, client.get(provider.baseUrl() + "/").statusCode());
      assertEquals(404, client.get(provider.authorizationEndpoint() + "/extra").statusCode());
      HttpResponse<String> getToken = client.get(provider.tokenEndpoint());
      assertEquals(405, getToken.statusCode());
      assertEquals(0, provider.tokenRequestCount(), "only POSTs are token requests");
    }

    @Test
    void bindsLoopbackAndStopsOnClose() throws IOException {
      DemoProvider provider = start();
      assertTrue(provider.baseUrl().matches("http://127\\.0\\.0\\.1:\\d+"), provider.baseUrl());
      assertEquals(provider.baseUrl() + "/authorize", provider.authorizationEndpoint());
      assertEquals(provider.baseUrl() + "/token", provider.tokenEndpoint());
      provider.close();
      LoopbackClient client = new LoopbackClient(provider);
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(provider.tokenEndpoint()))
              .timeout(Duration.ofSeconds(2))
              .GET()
              .build();
      assertThrows(AssertionError.class, () -> client.send(request));
      provider.close(); // idempotent
    }

    @Test
    void builderRejectsIncompleteConfiguration() {
      assertThrows(
          IllegalArgumentException.class, () -> DemoProvider.builder().redirectUri("/relative"));
      assertThrows(
          IllegalArgumentException.class,
          () -> DemoProvider.builder().redirectUri("http://x/cb#frag"));
      assertThrows(
          IllegalArgumentException.class, () -> DemoProvider.builder().appRedirect("not a scheme"));
      assertThrows(
          IllegalArgumentException.class, () -> DemoProvider.builder().codeLifetime(Duration.ZERO));
    }
  }

  /** A clock tests can move forward, so expiry is tested without sleeping. */
  static final class MutableClock extends Clock {
    private volatile Instant now = Instant.parse("2030-01-01T00:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
