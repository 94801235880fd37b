package dev.loginharness.demo;

import static dev.loginharness.demo.LoopbackClient.VERIFIER;
import static dev.loginharness.demo.LoopbackClient.decode;
import static dev.loginharness.demo.LoopbackClient.json;
import static dev.loginharness.demo.LoopbackClient.location;
import static dev.loginharness.demo.LoopbackClient.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loginharness.demo.DemoProviderTest.MutableClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Revocation, the bearer-protected endpoints, discovery, client credentials, implicit grant,
 * consent.
 */
class ProviderExtensionsTest {
  private static final String REDIRECT = "http://127.0.0.1:9/callback";
  private static final String SECRET = "s3cret:with+specials";
  private static final Pattern CONSENT_ID =
      Pattern.compile("name=\"consent_id\" value=\"([^\"]+)\"");

  private final List<DemoProvider> started = new ArrayList<>();
  private DemoProvider provider;
  private LoopbackClient client;

  @AfterEach
  void closeProviders() {
    started.forEach(DemoProvider::close);
  }

  private void start(UnaryOperator<DemoProvider.Builder> customize) throws IOException {
    provider =
        customize
            .apply(
                DemoProvider.builder()
                    .client("demo-client")
                    .redirectUri(REDIRECT)
                    .user("alice", "wonderland"))
            .start();
    started.add(provider);
    client = new LoopbackClient(provider);
  }

  /** A full public-client code flow; returns the token response body. */
  private String tokens(Map<String, String> overrides) {
    HttpResponse<String> token =
        client.redeem(client.code(REDIRECT, overrides), REDIRECT, VERIFIER);
    assertEquals(200, token.statusCode(), token.body());
    return token.body();
  }

  private HttpResponse<String> getWithBearer(String url, String token) {
    return client.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Authorization", "Bearer " + token)
            .GET()
            .build());
  }

  private HttpResponse<String> refresh(String refreshToken) {
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

  private HttpResponse<String> revoke(Map<String, String> extra) {
    Map<String, String> form = new LinkedHashMap<>(extra);
    form.put("client_id", "demo-client");
    return client.postForm(provider.revocationEndpoint(), form);
  }

  private static String basic(String id, String secret) {
    String pair = LoopbackClient.encode(id) + ":" + LoopbackClient.encode(secret);
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  /** Decoded parameters of a URL's fragment. */
  private static Map<String, String> fragment(String url) {
    Map<String, String> params = new LinkedHashMap<>();
    String raw = URI.create(url).getRawFragment();
    assertNotNull(raw, "no fragment in " + url);
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      params.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
    }
    return params;
  }

  private static void assertInvalidToken(HttpResponse<String> response) {
    assertEquals(401, response.statusCode(), response.body());
    assertEquals("invalid_token", json(response.body(), "error"));
    assertEquals(
        "Bearer error=\"invalid_token\"",
        response.headers().firstValue("WWW-Authenticate").orElse(null));
  }

  @Nested
  class Placebo {
    @Test
    void acceptsAFreshTokenAndRejectsItOnceTheClockPassesExpiry() throws IOException {
      MutableClock clock = new MutableClock();
      start(b -> b.clock(clock).accessTokenLifetime(Duration.ofMinutes(10)));
      String body = tokens(Map.of());
      assertEquals("600", json(body, "expires_in"));
      String access = json(body, "access_token");

      HttpResponse<String> fresh = getWithBearer(provider.placeboEndpoint(), access);
      assertEquals(200, fresh.statusCode(), fresh.body());
      assertEquals("{\"status\":\"success\"}", fresh.body());
      assertEquals("no-store", fresh.headers().firstValue("Cache-Control").orElse(null));

      clock.advance(Duration.ofSeconds(599));
      assertEquals(
          200,
          getWithBearer(provider.placeboEndpoint(), access).statusCode(),
          "just before expiry");
      clock.advance(Duration.ofSeconds(1));
      HttpResponse<String> expired = getWithBearer(provider.placeboEndpoint(), access);
      assertInvalidToken(expired);
      assertEquals("access token expired", json(expired.body(), "error_description"));
      assertNull(json(expired.body(), "status"), "no status field without deviantArtStyle");
    }

    @Test
    void tokenInTheQueryStringIsRefused() throws IOException {
      start(b -> b);
      String access = json(tokens(Map.of()), "access_token");
      HttpResponse<String> response =
          client.get(provider.placeboEndpoint() + "?access_token=" + access);
      assertEquals(400, response.statusCode());
      assertEquals("invalid_request", json(response.body(), "error"));
      assertEquals(
          "bearer tokens are not accepted in the query string",
          json(response.body(), "error_description"));
      assertFalse(response.body().contains(access), "the token is never echoed");
    }

    @Test
    void postWithTheTokenInTheFormBodyIsAccepted() throws IOException {
      start(b -> b);
      String access = json(tokens(Map.of()), "access_token");
      HttpResponse<String> ok =
          client.postForm(provider.placeboEndpoint(), Map.of("access_token", access));
      assertEquals(200, ok.statusCode(), ok.body());
      HttpResponse<String> both =
          client.postForm(
              provider.placeboEndpoint(),
              Map.of("access_token", access),
              "Authorization",
              "Bearer " + access);
      assertEquals(400, both.statusCode(), "one method per request (RFC 6750 2)");
    }

    @Test
    void unknownOrMissingTokenIs401() throws IOException {
      start(b -> b);
      assertInvalidToken(getWithBearer(provider.placeboEndpoint(), "not-a-token"));
      HttpResponse<String> none = client.get(provider.placeboEndpoint());
      assertEquals(401, none.statusCode());
      assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
      HttpResponse<String> put =
          client.send(
              HttpRequest.newBuilder(URI.create(provider.placeboEndpoint()))
                  .PUT(HttpRequest.BodyPublishers.noBody())
                  .build());
      assertEquals(405, put.statusCode());
      assertEquals("GET, POST", put.headers().firstValue("Allow").orElse(null));
    }
  }

  @Nested
  class Userinfo {
    @Test
    void returnsTheSignedInUserAndHonoursExpiry() throws IOException {
      MutableClock clock = new MutableClock();
      start(b -> b.clock(clock));
      String access = json(tokens(Map.of("scope", "openid profile")), "access_token");
      HttpResponse<String> info = getWithBearer(provider.userinfoEndpoint(), access);
      assertEquals(200, info.statusCode(), info.body());
      assertEquals("{\"sub\":\"alice\",\"preferred_username\":\"alice\"}", info.body());
      HttpResponse<String> post =
          client.postForm(provider.userinfoEndpoint(), Map.of("access_token", access));
      assertEquals(info.body(), post.body());

      assertEquals(
          400, client.get(provider.userinfoEndpoint() + "?access_token=" + access).statusCode());
      clock.advance(Duration.ofHours(1));
      assertInvalidToken(getWithBearer(provider.userinfoEndpoint(), access));
    }

    @Test
    void refreshedTokensKeepTheSubject() throws IOException {
      start(b -> b);
      HttpResponse<String> refreshed = refresh(json(tokens(Map.of()), "refresh_token"));
      HttpResponse<String> info =
          getWithBearer(provider.userinfoEndpoint(), json(refreshed.body(), "access_token"));
      assertEquals("alice", json(info.body(), "sub"));
    }
  }

  @Nested
  class Revocation {
    @Test
    void revokingTheRefreshTokenKillsTheGrantIncludingItsAccessTokens() throws IOException {
      start(b -> b);
      String body = tokens(Map.of());
      String access = json(body, "access_token");
      String refresh = json(body, "refresh_token");
      HttpResponse<String> revoked =
          revoke(Map.of("token", refresh, "token_type_hint", "refresh_token"));
      assertEquals(200, revoked.statusCode(), revoked.body());
      assertEquals("", revoked.body());

      assertEquals("invalid_grant", json(refresh(refresh).body(), "error"));
      assertInvalidToken(getWithBearer(provider.placeboEndpoint(), access));
      assertInvalidToken(getWithBearer(provider.userinfoEndpoint(), access));
      assertEquals(1, provider.revokeRequestCount());
    }

    @Test
    void revokeRefreshOnlyKeepsTheAccessTokenValid() throws IOException {
      start(b -> b);
      String body = tokens(Map.of());
      String access = json(body, "access_token");
      String refresh = json(body, "refresh_token");
      assertEquals(
          200, revoke(Map.of("token", refresh, "revoke_refresh_only", "true")).statusCode());
      assertEquals("invalid_grant", json(refresh(refresh).body(), "error"));
      assertEquals(200, getWithBearer(provider.placeboEndpoint(), access).statusCode());
    }

    @Test
    void revokingAnAccessTokenRevokesJustIt() throws IOException {
      start(b -> b);
      String body = tokens(Map.of());
      String access = json(body, "access_token");
      assertEquals(
          200, revoke(Map.of("token", access, "token_type_hint", "access_token")).statusCode());
      assertInvalidToken(getWithBearer(provider.placeboEndpoint(), access));
      HttpResponse<String> refreshed = refresh(json(body, "refresh_token"));
      assertEquals(200, refreshed.statusCode(), "the refresh token survives");
      assertEquals(
          200,
          getWithBearer(provider.placeboEndpoint(), json(refreshed.body(), "access_token"))
              .statusCode());
    }

    @Test
    void revokingARotatedFamilyAlsoKillsAccessTokensIssuedBeforeTheRotation() throws IOException {
      start(b -> b);
      String first = tokens(Map.of());
      HttpResponse<String> refreshed = refresh(json(first, "refresh_token"));
      assertEquals(
          200, revoke(Map.of("token", json(refreshed.body(), "refresh_token"))).statusCode());
      assertInvalidToken(getWithBearer(provider.placeboEndpoint(), json(first, "access_token")));
      assertInvalidToken(
          getWithBearer(provider.placeboEndpoint(), json(refreshed.body(), "access_token")));
    }

    @Test
    void unknownOrAlreadyRevokedTokensStillGet200() throws IOException {
      start(b -> b);
      String refresh = json(tokens(Map.of()), "refresh_token");
      assertEquals(200, revoke(Map.of("token", "no-such-token")).statusCode());
      assertEquals(200, revoke(Map.of("token", refresh)).statusCode());
      assertEquals(200, revoke(Map.of("token", refresh)).statusCode());
      assertEquals(3, provider.revokeRequestCount());
    }

    @Test
    void clientAuthenticationAndParametersAreChecked() throws IOException {
      start(b -> b.clientSecret(SECRET));
      HttpResponse<String> noSecret = revoke(Map.of("token", "x"));
      assertEquals(401, noSecret.statusCode());
      assertEquals("invalid_client", json(noSecret.body(), "error"));
      HttpResponse<String> basicOk =
          client.postForm(
              provider.revocationEndpoint(),
              Map.of("token", "x"),
              "Authorization",
              basic("demo-client", SECRET));
      assertEquals(200, basicOk.statusCode());
      HttpResponse<String> noToken =
          client.postForm(
              provider.revocationEndpoint(),
              Map.of(),
              "Authorization",
              basic("demo-client", SECRET));
      assertEquals("invalid_request", json(noToken.body(), "error"));
      HttpResponse<String> badHint =
          client.postForm(
              provider.revocationEndpoint(),
              Map.of("token", "x", "token_type_hint", "id_token"),
              "Authorization",
              basic("demo-client", SECRET));
      assertEquals("invalid_request", json(badHint.body(), "error"));
      assertEquals(4, provider.revokeRequestCount());
    }
  }

  @Nested
  class ClientCredentials {
    @Test
    void confidentialClientGetsAnAccessTokenWithoutRefreshToken() throws IOException {
      start(b -> b.clientSecret(SECRET));
      HttpResponse<String> token =
          client.postForm(
              provider.tokenEndpoint(),
              Map.of("grant_type", "client_credentials", "scope", "browse"),
              "Authorization",
              basic("demo-client", SECRET));
      assertEquals(200, token.statusCode(), token.body());
      assertNotNull(json(token.body(), "access_token"));
      assertEquals("Bearer", json(token.body(), "token_type"));
      assertEquals("3600", json(token.body(), "expires_in"));
      assertEquals("browse", json(token.body(), "scope"));
      assertNull(json(token.body(), "refresh_token"));
      String access = json(token.body(), "access_token");
      assertEquals(200, getWithBearer(provider.placeboEndpoint(), access).statusCode());
      assertEquals(
          "{\"sub\":\"demo-client\"}", getWithBearer(provider.userinfoEndpoint(), access).body());

      HttpResponse<String> inBody =
          client.postForm(
              provider.tokenEndpoint(),
              Map.of(
                  "grant_type",
                  "client_credentials",
                  "client_id",
                  "demo-client",
                  "client_secret",
                  SECRET));
      assertEquals(200, inBody.statusCode(), inBody.body());
      assertNull(json(inBody.body(), "scope"));
    }

    @Test
    void publicClientIsUnauthorized() throws IOException {
      start(b -> b);
      HttpResponse<String> token =
          client.postForm(
              provider.tokenEndpoint(),
              Map.of("grant_type", "client_credentials", "client_id", "demo-client"));
      assertEquals(400, token.statusCode());
      assertEquals("unauthorized_client", json(token.body(), "error"));
    }
  }

  @Nested
  class Implicit {
    @Test
    void tokenComesBackInTheFragmentAndWorks() throws IOException {
      start(b -> b.allowImplicit(true));
      Map<String, String> overrides = new LinkedHashMap<>();
      overrides.put("response_type", "token");
      overrides.put("code_challenge", null);
      overrides.put("code_challenge_method", null);
      overrides.put("scope", "read write");
      overrides.put("state", "a b&c=d#é");
      HttpResponse<String> login =
          client.signIn(client.authorizeUrl(REDIRECT, overrides), "alice", "wonderland");
      assertEquals(302, login.statusCode(), login.body());
      String location = location(login);
      assertTrue(location.startsWith(REDIRECT + "#access_token="), location);
      assertNull(URI.create(location).getRawQuery(), "nothing in the query");
      Map<String, String> answer = fragment(location);
      assertEquals("bearer", answer.get("token_type"));
      assertEquals("3600", answer.get("expires_in"));
      assertEquals("read write", answer.get("scope"));
      assertEquals("a b&c=d#é", answer.get("state"));
      assertFalse(answer.containsKey("refresh_token"));
      HttpResponse<String> info =
          getWithBearer(provider.userinfoEndpoint(), answer.get("access_token"));
      assertEquals("alice", json(info.body(), "sub"));
      assertEquals(0, provider.tokenRequestCount());
    }

    @Test
    void deniedConsentGoesInTheFragmentToo() throws IOException {
      start(b -> b.allowImplicit(true).denyConsent(true));
      HttpResponse<String> login =
          client.signIn(
              client.authorizeUrl(REDIRECT, Map.of("response_type", "token")),
              "alice",
              "wonderland");
      Map<String, String> answer = fragment(location(login));
      assertEquals("access_denied", answer.get("error"));
      assertEquals("st-123", answer.get("state"));
    }

    @Test
    void codeFlowStillRequiresPkceWhenImplicitIsAllowed() throws IOException {
      start(b -> b.allowImplicit(true));
      Map<String, String> noPkce = new LinkedHashMap<>();
      noPkce.put("code_challenge_method", null);
      assertEquals(
          "invalid_request",
          query(location(client.get(client.authorizeUrl(REDIRECT, noPkce)))).get("error"));
    }
  }

  @Nested
  class Consent {
    private String consentId(HttpResponse<String> page) {
      Matcher m = CONSENT_ID.matcher(page.body());
      assertTrue(m.find(), page.body());
      return m.group(1);
    }

    private HttpResponse<String> signedIn() {
      HttpResponse<String> page =
          client.signIn(client.authorizeUrl(REDIRECT, Map.of()), "alice", "wonderland");
      assertEquals(200, page.statusCode(), page.body());
      return page;
    }

    @Test
    void pageListsCancelBeforeAuthorize() throws IOException {
      start(b -> b.consentPage(true));
      String html = signedIn().body();
      assertTrue(html.contains("<title>Authorize demo-client?</title>"), html);
      assertTrue(html.contains("<form method=\"post\" action=\"/consent\">"), html);
      int cancel =
          html.indexOf("<button type=\"submit\" name=\"decision\" value=\"deny\">Cancel</button>");
      int allow =
          html.indexOf(
              "<button type=\"submit\" name=\"decision\" value=\"allow\">Authorize</button>");
      assertTrue(cancel > 0 && allow > cancel, html);
      assertFalse(html.contains("st-123"));
    }

    @Test
    void allowRedirectsWithACodeThatRedeems() throws IOException {
      MutableClock clock = new MutableClock();
      start(b -> b.consentPage(true).clock(clock));
      HttpResponse<String> page = signedIn();
      clock.advance(Duration.ofMinutes(5)); // the user reads the page; the code does not exist yet
      HttpResponse<String> allowed =
          client.postForm(
              provider.baseUrl() + "/consent",
              Map.of("consent_id", consentId(page), "decision", "allow"));
      assertEquals(302, allowed.statusCode(), allowed.body());
      Map<String, String> callback = query(location(allowed));
      assertEquals("st-123", callback.get("state"));
      HttpResponse<String> token = client.redeem(callback.get("code"), REDIRECT, VERIFIER);
      assertEquals(200, token.statusCode(), token.body());

      HttpResponse<String> again =
          client.postForm(
              provider.baseUrl() + "/consent",
              Map.of("consent_id", consentId(page), "decision", "allow"));
      assertEquals(400, again.statusCode(), "a decision is taken once");
    }

    @Test
    void denyRedirectsWithAccessDenied() throws IOException {
      start(b -> b.consentPage(true));
      HttpResponse<String> page = signedIn();
      HttpResponse<String> bogus =
          client.postForm(
              provider.baseUrl() + "/consent",
              Map.of("consent_id", consentId(page), "decision", "maybe"));
      assertEquals(400, bogus.statusCode());
      HttpResponse<String> denied =
          client.postForm(
              provider.baseUrl() + "/consent",
              Map.of("consent_id", consentId(page), "decision", "deny"));
      assertEquals(302, denied.statusCode(), "a bogus decision did not use up the consent");
      Map<String, String> callback = query(location(denied));
      assertEquals("access_denied", callback.get("error"));
      assertNull(callback.get("code"));
    }

    @Test
    void denyConsentStillDeniesWithoutAPage() throws IOException {
      start(b -> b.consentPage(true).denyConsent(true));
      HttpResponse<String> login =
          client.signIn(client.authorizeUrl(REDIRECT, Map.of()), "alice", "wonderland");
      assertEquals(302, login.statusCode());
      assertEquals("access_denied", query(location(login)).get("error"));
    }

    @Test
    void withoutConsentPageThereIsNoConsentEndpoint() throws IOException {
      start(b -> b);
      assertEquals(
          404,
          client
              .postForm(provider.baseUrl() + "/consent", Map.of("decision", "allow"))
              .statusCode());
    }
  }

  @Nested
  class Discovery {
    @Test
    void documentNamesTheEndpoints() throws IOException {
      start(b -> b);
      String base = provider.baseUrl();
      assertEquals(base, provider.issuer());
      assertFalse(provider.issuer().endsWith("/"));
      assertEquals(base + "/placebo", provider.placeboEndpoint());
      assertEquals(base + "/userinfo", provider.userinfoEndpoint());
      assertEquals(base + "/revoke", provider.revocationEndpoint());

      HttpResponse<String> response = client.get(base + "/.well-known/openid-configuration");
      assertEquals(200, response.statusCode());
      assertTrue(
          response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
      String doc = response.body();
      assertEquals(provider.issuer(), json(doc, "issuer"));
      assertEquals(provider.authorizationEndpoint(), json(doc, "authorization_endpoint"));
      assertEquals(provider.tokenEndpoint(), json(doc, "token_endpoint"));
      assertEquals(provider.userinfoEndpoint(), json(doc, "userinfo_endpoint"));
      assertEquals(provider.revocationEndpoint(), json(doc, "revocation_endpoint"));
      assertTrue(doc.contains("\"response_types_supported\":[\"code\",\"token\"]"), doc);
      assertTrue(
          doc.contains(
              "\"grant_types_supported\":[\"authorization_code\",\"refresh_token\",\"client_credentials\"]"),
          doc);
      assertTrue(doc.contains("\"code_challenge_methods_supported\":[\"S256\"]"), doc);
      assertTrue(
          doc.contains(
              "\"token_endpoint_auth_methods_supported\":"
                  + "[\"client_secret_basic\",\"client_secret_post\",\"none\"]"),
          doc);
      assertTrue(doc.contains("\"scopes_supported\":[\"openid\",\"profile\"]"), doc);
    }
  }

  @Nested
  class DeviantArtStyle {
    @Test
    void successAnswersCarryStatusSuccess() throws IOException {
      start(b -> b.deviantArtStyle(true));
      String body = tokens(Map.of());
      assertEquals("success", json(body, "status"));
      HttpResponse<String> refreshed = refresh(json(body, "refresh_token"));
      assertEquals("success", json(refreshed.body(), "status"));
      HttpResponse<String> placebo =
          getWithBearer(provider.placeboEndpoint(), json(refreshed.body(), "access_token"));
      assertEquals("{\"status\":\"success\"}", placebo.body());
      HttpResponse<String> revoked =
          revoke(Map.of("token", json(refreshed.body(), "refresh_token")));
      assertEquals(200, revoked.statusCode());
      assertEquals("{\"status\":\"success\"}", revoked.body());
      HttpResponse<String> info =
          getWithBearer(provider.userinfoEndpoint(), json(body, "access_token"));
      assertNull(json(info.body(), "status"), "userinfo is OIDC, not DeviantArt");
    }

    @Test
    void errorAnswersCarryStatusError() throws IOException {
      start(b -> b.deviantArtStyle(true));
      HttpResponse<String> token = client.redeem("no-such-code", REDIRECT, VERIFIER);
      assertEquals("invalid_grant", json(token.body(), "error"));
      assertEquals("error", json(token.body(), "status"));
      HttpResponse<String> placebo = getWithBearer(provider.placeboEndpoint(), "nope");
      assertEquals("invalid_token", json(placebo.body(), "error"));
      assertEquals("error", json(placebo.body(), "status"));
      HttpResponse<String> revoke =
          client.postForm(provider.revocationEndpoint(), Map.of("token", "x"));
      assertEquals("invalid_client", json(revoke.body(), "error"));
      assertEquals("error", json(revoke.body(), "status"));
    }

    @Test
    void offByDefault() throws IOException {
      start(b -> b);
      assertNull(json(tokens(Map.of()), "status"));
      assertNull(json(client.redeem("no-such-code", REDIRECT, VERIFIER).body(), "status"));
    }
  }

  @Nested
  class RefreshCounting {
    @Test
    void countsEveryRefreshPostSuccessfulOrNot() throws IOException {
      start(b -> b.requiredHeader("User-Agent", "DemoApp/1.0"));
      HttpResponse<String> first =
          client.redeem(
              client.code(REDIRECT, Map.of()), REDIRECT, VERIFIER, "User-Agent", "DemoApp/1.0");
      String refresh = json(first.body(), "refresh_token");
      assertEquals(0, provider.refreshRequestCount(), "a code exchange is not a refresh");

      assertEquals(403, refresh(refresh).statusCode(), "blocked, but sent");
      Map<String, String> form =
          Map.of(
              "grant_type", "refresh_token", "refresh_token", refresh, "client_id", "demo-client");
      assertEquals(
          200,
          client
              .postForm(provider.tokenEndpoint(), form, "User-Agent", "DemoApp/1.0")
              .statusCode());
      HttpResponse<String> reuse =
          client.postForm(provider.tokenEndpoint(), form, "User-Agent", "DemoApp/1.0");
      assertEquals("invalid_grant", json(reuse.body(), "error"), "rotation: reuse fails");
      assertEquals(3, provider.refreshRequestCount());
      assertEquals(4, provider.tokenRequestCount());
    }

    @Test
    void concurrentRefreshesWithOneTokenHaveExactlyOneWinner() throws Exception {
      start(b -> b);
      String refresh = json(tokens(Map.of()), "refresh_token");
      List<CompletableFuture<Integer>> racers = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        racers.add(CompletableFuture.supplyAsync(() -> refresh(refresh).statusCode()));
      }
      int winners = 0;
      for (CompletableFuture<Integer> racer : racers) {
        winners += racer.get() == 200 ? 1 : 0;
      }
      assertEquals(1, winners);
      assertEquals(8, provider.refreshRequestCount());
      assertNotEquals(0, provider.tokenRequestCount());
    }
  }
}
