package dev.loginharness.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loginharness.secret.Secret;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthorizationRequestTest {
  private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
  private static final String REDIRECT = "http://127.0.0.1:8080/cb?x=1";

  private static AuthorizationRequest.Builder fixed() {
    return AuthorizationRequest.builder()
        .endpoint(URI.create("https://auth.example.com/authorize"))
        .clientId("my client")
        .redirectUri(REDIRECT)
        .scopes(List.of("openid", "read:user"))
        .state(Secret.of("state-123"))
        .pkce(Pkce.fromVerifier(VERIFIER));
  }

  /** The raw (still percent-encoded) query, split into name → encoded value. */
  private static Map<String, String> rawQuery(URI uri) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : uri.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      params.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return params;
  }

  private static String decoded(String raw) {
    return URLDecoder.decode(raw, StandardCharsets.UTF_8);
  }

  @Test
  void uriCarriesEveryCoreParameter() {
    Map<String, String> q = rawQuery(fixed().build().uri());

    assertEquals("code", q.get("response_type"));
    assertEquals("my client", decoded(q.get("client_id")));
    assertEquals("state-123", q.get("state"));
    assertEquals(CHALLENGE, q.get("code_challenge"));
    assertEquals("S256", q.get("code_challenge_method"));
  }

  @Test
  void uriKeepsEndpointSchemeHostAndPath() {
    URI uri = fixed().build().uri();

    assertEquals("https", uri.getScheme());
    assertEquals("auth.example.com", uri.getHost());
    assertEquals("/authorize", uri.getPath());
  }

  @Test
  void redirectUriIsPercentEncoded() {
    String raw = rawQuery(fixed().build().uri()).get("redirect_uri");

    // Left unencoded, its own "?x=1" would become a parameter of the authorization request.
    assertEquals("http%3A%2F%2F127.0.0.1%3A8080%2Fcb%3Fx%3D1", raw);
    assertEquals(REDIRECT, decoded(raw));
  }

  @Test
  void scopesAreJoinedBySpaceEncodedAsPercent20() {
    String raw = rawQuery(fixed().build().uri()).get("scope");

    assertEquals("openid%20read%3Auser", raw);
  }

  @Test
  void noScopeParameterWhenNoScopes() {
    URI uri = fixed().scopes(List.of()).build().uri();

    assertFalse(rawQuery(uri).containsKey("scope"), uri.toString());
  }

  @Test
  void extraParamsAreAppendedAfterCoreOnes() {
    URI uri = fixed().extraParams(Map.of("client", "pixiv-android")).build().uri();
    Map<String, String> q = rawQuery(uri);

    assertEquals("pixiv-android", q.get("client"));
    assertEquals("code_challenge_method", q.keySet().stream().toList().get(q.size() - 2));
  }

  @Test
  void extraParamValuesAreEncoded() {
    URI uri = fixed().extraParams(Map.of("prompt", "login consent&x=y")).build().uri();

    assertEquals("login%20consent%26x%3Dy", rawQuery(uri).get("prompt"));
    assertFalse(rawQuery(uri).containsKey("x"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "response_type",
        "client_id",
        "redirect_uri",
        "scope",
        "state",
        "code_challenge",
        "code_challenge_method"
      })
  void extraParamMayNotOverrideCoreParam(String core) {
    AuthorizationRequest.Builder builder = fixed().extraParams(Map.of(core, "evil"));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
    assertTrue(e.getMessage().contains("'" + core + "'"), e.getMessage());
  }

  @Test
  void randomizedStateHasAtLeast128Bits() {
    AuthorizationRequest request = fixed().randomize(new SecureRandom()).build();
    String state = request.state().reveal();

    byte[] bytes = Base64.getUrlDecoder().decode(state);
    assertTrue(bytes.length >= 16, "state has only " + bytes.length + " bytes");
    assertEquals(state, rawQuery(request.uri()).get("state"));
  }

  @Test
  void randomizeReplacesFixedStateAndPkce() {
    AuthorizationRequest request = fixed().randomize(new SecureRandom()).build();

    assertNotEquals("state-123", request.state().reveal());
    assertNotEquals(VERIFIER, request.pkce().verifier().reveal());
    assertEquals(request.pkce().challenge(), rawQuery(request.uri()).get("code_challenge"));
  }

  @Test
  void randomizedStateAndVerifierDifferBetweenRequests() {
    SecureRandom random = new SecureRandom();
    AuthorizationRequest a = fixed().randomize(random).build();
    AuthorizationRequest b = fixed().randomize(random).build();

    assertNotEquals(a.state().reveal(), b.state().reveal());
    assertNotEquals(a.pkce().verifier().reveal(), b.pkce().verifier().reveal());
  }

  @Test
  void endpointWithExistingQueryKeepsItAndAppendsWithAmpersand() {
    URI uri =
        fixed()
            .endpoint(URI.create("https://auth.example.com/authorize?tenant=acme"))
            .build()
            .uri();

    assertTrue(
        uri.toString()
            .startsWith("https://auth.example.com/authorize?tenant=acme&" + "response_type=code&"),
        uri.toString());
    assertEquals(1, uri.toString().chars().filter(c -> c == '?').count(), uri.toString());
  }

  @Test
  void endpointWithoutQueryStartsQueryWithQuestionMark() {
    assertTrue(
        fixed()
            .build()
            .uri()
            .toString()
            .startsWith("https://auth.example.com/authorize?response_type=code&"));
  }

  @Test
  void missingClientIdOrRedirectIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> fixed().clientId(" ").build());
    assertThrows(IllegalArgumentException.class, () -> fixed().redirectUri(null).build());
  }

  @Test
  void toStringDoesNotRevealStateOrVerifier() {
    String text = fixed().build().toString();

    assertFalse(text.contains("state-123"), text);
    assertFalse(text.contains(VERIFIER), text);
  }

  /** docs/providers.md, "Pixiv": a provider that takes no state is sent none. */
  @Test
  void aProviderThatDoesNotEchoTheStateIsSentNone() {
    AuthorizationRequest request = fixed().stateBinding(StateBinding.NOT_ECHOED).build();

    Map<String, String> q = rawQuery(request.uri());
    assertFalse(q.containsKey("state"), request.uri().toString());
    assertEquals(CHALLENGE, q.get("code_challenge"));
  }

  @Test
  void anEchoedStateMustComeBackExactly() {
    AuthorizationRequest request = fixed().build();

    assertTrue(
        request.accepts(new Callback.Code(Secret.of("c"), Optional.of(Secret.of("state-123")))));
    assertFalse(
        request.accepts(new Callback.Code(Secret.of("c"), Optional.of(Secret.of("state-124")))));
    assertFalse(request.accepts(new Callback.Code(Secret.of("c"), Optional.empty())));
    assertFalse(request.accepts(new Callback.Error("access_denied", null, Optional.empty())));
  }

  /** The binding is PKCE and the capture's own tab; whatever state comes back is the provider's. */
  @Test
  void aStateThatIsNotEchoedIsNotChecked() {
    AuthorizationRequest request = fixed().stateBinding(StateBinding.NOT_ECHOED).build();

    assertTrue(
        request.accepts(new Callback.Code(Secret.of("c"), Optional.of(Secret.of("pixivs-own")))));
    assertTrue(request.accepts(new Callback.Code(Secret.of("c"), Optional.empty())));
  }
}
