package dev.loginharness.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A bearer-protected endpoint (GET or POST): DeviantArt's {@code /placebo} token check and OIDC's
 * {@code /userinfo}. A token is good if it was issued here, is not revoked and has not expired by
 * the provider's clock.
 */
final class ResourceEndpoint implements HttpHandler {
  private final ProviderConfig config;
  private final Grants grants;
  private final JsonReplies replies;
  private final Function<AccessGrant, Map<String, Object>> answer;

  private ResourceEndpoint(
      ProviderConfig config,
      Grants grants,
      JsonReplies replies,
      Function<AccessGrant, Map<String, Object>> answer) {
    this.config = config;
    this.grants = grants;
    this.replies = replies;
    this.answer = answer;
  }

  /**
   * {@code {"status":"success"}} for a good token; part of the DeviantArt API, so styled like it.
   */
  static ResourceEndpoint placebo(ProviderConfig config, Grants grants) {
    return new ResourceEndpoint(
        config,
        grants,
        new JsonReplies(config.deviantArtStyle()),
        grant -> Map.of("status", "success"));
  }

  /**
   * OIDC Core 5.3. A client-credentials token has no user, so its subject is the client itself (as
   * with most providers) and it has no {@code preferred_username}.
   */
  static ResourceEndpoint userinfo(ProviderConfig config, Grants grants) {
    return new ResourceEndpoint(
        config,
        grants,
        new JsonReplies(false),
        grant -> {
          Map<String, Object> claims = new LinkedHashMap<>();
          claims.put("sub", grant.username().orElse(grant.clientId()));
          grant.username().ifPresent(name -> claims.put("preferred_username", name));
          return claims;
        });
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      String token = BearerToken.extract(exchange);
      AccessGrant grant =
          grants
              .accessGrant(token)
              .orElseThrow(() -> TokenError.invalidToken("access token is unknown or revoked"));
      if (!grant.activeAt(config.clock().instant())) {
        throw TokenError.invalidToken("access token expired");
      }
      replies.success(exchange, answer.apply(grant));
    } catch (Params.InvalidParameter e) {
      replies.error(exchange, TokenError.invalidBearerRequest(e.getMessage()));
    } catch (TokenError e) {
      replies.error(exchange, e);
    }
  }
}
