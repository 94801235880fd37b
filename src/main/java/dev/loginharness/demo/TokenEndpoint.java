package dev.loginharness.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /token}: the authorization-code, refresh-token and client-credentials grants (RFC
 * 6749 4.1.3, 6, 4.4).
 *
 * <p>Every failure is a {@link TokenError} thrown from the check that found it and turned into the
 * RFC 6749 5.2 JSON in one place, so the grant methods read as the list of rules they enforce.
 */
final class TokenEndpoint implements HttpHandler {
  /** Lets an out-of-process client display the code age measured here, next to its own timings. */
  static final String CODE_AGE_HEADER = "X-Demo-Code-Age-Micros";

  private final ProviderConfig config;
  private final Grants grants;
  private final ClientAuthentication clientAuthentication;
  private final TokenIssuer issuer;
  private final JsonReplies replies;
  private final TokenFaults faults;

  /** Marks an exchange whose successful answer is to be spoiled, and how ({@link TokenFault}). */
  private static final String SPOIL = "demo.spoil";

  TokenEndpoint(ProviderConfig config, Grants grants, TokenIssuer issuer, TokenFaults faults) {
    this.config = config;
    this.grants = grants;
    this.clientAuthentication = new ClientAuthentication(config.client());
    this.issuer = issuer;
    this.replies = new JsonReplies(config.deviantArtStyle());
    this.faults = faults;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    // Taken first, so the code age covers the client's delay and nothing of ours.
    long arrivedNanos = System.nanoTime();
    grants.countTokenRequest();
    // Read before the header check so that refreshRequestCount() also counts refreshes a WAF
    // blocks: concurrency tests count what clients sent, not what got through.
    String body = Responses.readBody(exchange);
    if (isRefresh(body)) {
      grants.countRefreshRequest();
    }
    Optional<TokenFault> fault = faults.next();
    if (fault.isPresent() && !fault.get().spoilsASuccess()) {
      fail(exchange, fault.get());
      return;
    }
    fault.ifPresent(f -> exchange.setAttribute(SPOIL, f));
    if (!hasRequiredHeaders(exchange)) {
      // Checked before anything else: a WAF in front of the real provider would not even let
      // the request reach OAuth, and answers HTML rather than JSON.
      Responses.html(exchange, 403, Html.forbiddenPage());
      return;
    }
    try {
      Params params = readForm(exchange, body);
      String clientId = clientAuthentication.authenticate(exchange.getRequestHeaders(), params);
      String grantType =
          params
              .optional("grant_type")
              .orElseThrow(() -> TokenError.invalidRequest("missing parameter 'grant_type'"));
      switch (grantType) {
        case "authorization_code" -> exchangeCode(exchange, params, clientId, arrivedNanos);
        case "refresh_token" -> refresh(exchange, params, clientId);
        case "client_credentials" -> clientCredentials(exchange, params, clientId);
        default ->
            throw TokenError.unsupportedGrantType(
                "grant_type must be authorization_code, refresh_token or client_credentials");
      }
    } catch (Params.InvalidParameter e) {
      replies.error(exchange, TokenError.invalidRequest(e.getMessage()));
    } catch (TokenError e) {
      replies.error(exchange, e);
    }
  }

  private void exchangeCode(
      HttpExchange exchange, Params params, String clientId, long arrivedNanos) throws IOException {
    String code = params.required("code");
    String redirectUri = params.required("redirect_uri");
    String verifier = params.required("code_verifier");
    grants.verifierReceived(verifier);
    if (!Pkce.isValidVerifier(verifier)) {
      throw TokenError.invalidRequest("code_verifier must be 43-128 characters of [A-Za-z0-9-._~]");
    }
    IssuedCode issued =
        grants.code(code).orElseThrow(() -> TokenError.invalidGrant("unknown authorization code"));
    PendingAuthorization request = issued.request();
    if (!request.clientId().equals(clientId)) {
      throw TokenError.invalidGrant("authorization code was issued to another client");
    }
    // Consumed by the first attempt whatever its outcome: single use means single use (RFC 6749
    // 4.1.2), and a replay suggests theft, so the tokens it produced are revoked too.
    if (!issued.redeem()) {
      grants.revokeFamily(issued.family());
      throw TokenError.invalidGrant("code already used");
    }
    Duration age = Duration.ofNanos(arrivedNanos - issued.issuedNanos());
    Duration expiryAge = max(age, Duration.between(issued.issuedAt(), config.clock().instant()));
    if (expiryAge.compareTo(config.codeLifetime()) > 0) {
      throw TokenError.invalidGrant(
          "authorization code expired (age %d ms, lifetime %d ms)"
              .formatted(expiryAge.toMillis(), config.codeLifetime().toMillis()));
    }
    if (!request.redirectUri().equals(redirectUri)) {
      throw TokenError.invalidGrant(
          "redirect_uri does not match the one used at the authorization endpoint");
    }
    if (!Pkce.matches(verifier, request.codeChallenge().orElseThrow())) {
      throw TokenError.invalidGrant("code_verifier does not match the code_challenge");
    }
    Map<String, Object> tokens =
        issueTokens(
            new RefreshGrant(clientId, issued.username(), request.scope(), issued.family()));
    grants.recordRedemption(new Redemption(clientId, age, config.clock().instant()));
    exchange.getResponseHeaders().set(CODE_AGE_HEADER, Long.toString(age.toNanos() / 1_000));
    success(exchange, tokens);
  }

  private void refresh(HttpExchange exchange, Params params, String clientId) throws IOException {
    String token = params.required("refresh_token");
    String unusable = "refresh token is unknown, revoked or already used";
    RefreshGrant grant =
        grants.refreshGrant(token).orElseThrow(() -> TokenError.invalidGrant(unusable));
    if (!grant.clientId().equals(clientId)) {
      throw TokenError.invalidGrant("refresh token was issued to another client");
    }
    Optional<String> scope = narrowedScope(grant.scope(), params.optional("scope"));
    // Rotation: the old token dies with this request, and only one of two racing requests wins.
    if (!grants.consumeRefreshToken(token, grant)) {
      throw TokenError.invalidGrant(unusable);
    }
    Map<String, Object> tokens =
        issueTokens(new RefreshGrant(clientId, grant.username(), scope, grant.family()));
    success(exchange, tokens);
  }

  /**
   * RFC 6749 4.4: the client acts on its own behalf, so it must be able to keep a secret; a public
   * client could be anyone. No refresh token (4.4.3): the client can simply ask again.
   */
  private void clientCredentials(HttpExchange exchange, Params params, String clientId)
      throws IOException {
    if (!config.client().confidential()) {
      throw TokenError.unauthorizedClient("client_credentials requires a confidential client");
    }
    Optional<String> scope = params.optional("scope");
    Map<String, Object> response = new LinkedHashMap<>();
    response.put(
        "access_token", issuer.accessToken(clientId, Optional.empty(), scope, Randoms.id()));
    response.put("token_type", "Bearer");
    response.put("expires_in", issuer.expiresIn());
    scope.ifPresent(value -> response.put("scope", value));
    success(exchange, response);
  }

  private void success(HttpExchange exchange, Map<String, Object> tokens) throws IOException {
    Object spoil = exchange.getAttribute(SPOIL);
    if (spoil == TokenFault.TRUNCATED_BODY) {
      String whole = Json.object(tokens);
      Responses.json(exchange, 200, whole.substring(0, whole.length() / 2));
    } else if (spoil == TokenFault.CRLF_IN_TOKEN) {
      Map<String, Object> injected = new LinkedHashMap<>(tokens);
      injected.put("access_token", tokens.get("access_token") + "\r\nX-Injected: 1");
      replies.success(exchange, injected);
    } else {
      replies.success(exchange, tokens);
    }
  }

  private void fail(HttpExchange exchange, TokenFault fault) throws IOException {
    switch (fault) {
      case UNAVAILABLE -> {
        faults
            .retryAfter()
            .ifPresent(
                d ->
                    exchange.getResponseHeaders().set("Retry-After", Long.toString(d.toSeconds())));
        Responses.html(
            exchange, 503, Html.errorPage("Service unavailable", "No server is available."));
      }
      case DROP_CONNECTION -> exchange.close();
      case HOSTILE_ERROR_TEXT ->
          replies.error(
              exchange,
              TokenError.invalidRequest(
                  "\u001b[2J\u001b]0;pwned\u0007\u001b[31mred" + "x".repeat(60_000)));
      case TRUNCATED_BODY, CRLF_IN_TOKEN ->
          throw new IllegalArgumentException("served as a success, then spoiled");
    }
  }

  /** RFC 6749 6: a refresh may ask for fewer scopes than originally granted, never more. */
  private static Optional<String> narrowedScope(
      Optional<String> granted, Optional<String> requested) {
    if (requested.isEmpty()) {
      return granted;
    }
    Set<String> allowed = Set.copyOf(Arrays.asList(granted.orElse("").split(" ")));
    boolean subset = Arrays.stream(requested.get().split(" ")).allMatch(allowed::contains);
    if (!subset) {
      throw TokenError.invalidScope("requested scope exceeds the scope originally granted");
    }
    return requested;
  }

  private Map<String, Object> issueTokens(RefreshGrant grant) {
    String refreshToken = Randoms.token();
    grants.storeRefreshToken(refreshToken, grant);
    Map<String, Object> response = new LinkedHashMap<>();
    response.put(
        "access_token",
        issuer.accessToken(
            grant.clientId(), Optional.of(grant.username()), grant.scope(), grant.family()));
    response.put("token_type", "Bearer");
    response.put("expires_in", issuer.expiresIn());
    response.put("refresh_token", refreshToken);
    grant.scope().ifPresent(scope -> response.put("scope", scope));
    return response;
  }

  private boolean hasRequiredHeaders(HttpExchange exchange) {
    return config.requiredHeaders().entrySet().stream()
        .allMatch(h -> h.getValue().equals(exchange.getRequestHeaders().getFirst(h.getKey())));
  }

  private static Params readForm(HttpExchange exchange, String body) {
    if (!Responses.isForm(exchange)) {
      throw TokenError.invalidRequest("Content-Type must be application/x-www-form-urlencoded");
    }
    if (body == null) {
      throw TokenError.invalidRequest("request body too large");
    }
    return Params.parse(body);
  }

  /** A best-effort look at the grant type, for counting only; the real parse comes later. */
  private static boolean isRefresh(String body) {
    try {
      return body != null
          && Params.parse(body).optional("grant_type").filter("refresh_token"::equals).isPresent();
    } catch (Params.InvalidParameter e) {
      return false;
    }
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
