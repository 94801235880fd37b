package dev.loginharness.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /revoke}: token revocation (RFC 7009) with DeviantArt's {@code revoke_refresh_only}.
 *
 * <ul>
 *   <li>a refresh token: its whole grant family goes, refresh and access tokens (RFC 7009 2.1);
 *   <li>an access token: just that token;
 *   <li>with {@code revoke_refresh_only=true}: only the family's refresh tokens go, whichever of
 *       the family's tokens was presented, and its access tokens stay valid until they expire;
 *   <li>an unknown or already revoked token: 200 all the same (RFC 7009 2.2), since the client's
 *       goal — the token is unusable — is reached.
 * </ul>
 *
 * Since every token is a 256-bit random string, a token can only be found in one of the two stores,
 * and {@code token_type_hint} needs no more than validation.
 */
final class RevokeEndpoint implements HttpHandler {
  private final Grants grants;
  private final ClientAuthentication clientAuthentication;
  private final boolean deviantArtStyle;
  private final JsonReplies replies;
  private final boolean captivePortal;

  /**
   * @param captivePortal answer every request with 200 and an HTML sign-in page, revoking nothing:
   *     a captive portal or a proxy's login page in front of the provider
   */
  RevokeEndpoint(ProviderConfig config, Grants grants, boolean captivePortal) {
    this.grants = grants;
    this.captivePortal = captivePortal;
    this.clientAuthentication = new ClientAuthentication(config.client());
    this.deviantArtStyle = config.deviantArtStyle();
    this.replies = new JsonReplies(config.deviantArtStyle());
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    grants.countRevokeRequest();
    if (captivePortal) {
      Responses.html(
          exchange, 200, Html.errorPage("Hotel Wi-Fi", "Accept the terms to get online."));
      return;
    }
    try {
      Params params = readForm(exchange);
      String clientId = clientAuthentication.authenticate(exchange.getRequestHeaders(), params);
      String token = params.required("token");
      Optional<String> hint = params.optional("token_type_hint");
      if (hint.isPresent()
          && !hint.get().equals("access_token")
          && !hint.get().equals("refresh_token")) {
        throw TokenError.invalidRequest("token_type_hint must be access_token or refresh_token");
      }
      boolean refreshOnly = flag(params.optional("revoke_refresh_only"));
      revoke(token, clientId, refreshOnly);
      if (deviantArtStyle) {
        replies.success(exchange, Map.of());
      } else {
        Responses.empty(exchange, 200);
      }
    } catch (Params.InvalidParameter e) {
      replies.error(exchange, TokenError.invalidRequest(e.getMessage()));
    } catch (TokenError e) {
      replies.error(exchange, e);
    }
  }

  private void revoke(String token, String clientId, boolean refreshOnly) {
    Optional<RefreshGrant> refresh = grants.refreshGrant(token);
    if (refresh.isPresent()) {
      requireOwner(refresh.get().clientId(), clientId);
      if (refreshOnly) {
        grants.revokeRefreshFamily(refresh.get().family());
      } else {
        grants.revokeFamily(refresh.get().family());
      }
      return;
    }
    Optional<AccessGrant> access = grants.accessGrant(token);
    if (access.isPresent()) {
      requireOwner(access.get().clientId(), clientId);
      if (refreshOnly) {
        grants.revokeRefreshFamily(access.get().family());
      } else {
        grants.revokeAccessToken(token);
      }
    }
  }

  /** RFC 7009 2.1: a client may only revoke its own tokens. */
  private static void requireOwner(String owner, String clientId) {
    if (!owner.equals(clientId)) {
      throw TokenError.unauthorizedClient("token was issued to another client");
    }
  }

  private static boolean flag(Optional<String> value) {
    if (value.isEmpty() || value.get().equals("false")) {
      return false;
    }
    if (value.get().equals("true")) {
      return true;
    }
    throw TokenError.invalidRequest("revoke_refresh_only must be true or false");
  }

  private static Params readForm(HttpExchange exchange) throws IOException {
    if (!Responses.isForm(exchange)) {
      throw TokenError.invalidRequest("Content-Type must be application/x-www-form-urlencoded");
    }
    String body = Responses.readBody(exchange);
    if (body == null) {
      throw TokenError.invalidRequest("request body too large");
    }
    return Params.parse(body);
  }
}
