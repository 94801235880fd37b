package dev.loginharness.demo;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Optional;

/**
 * The end of a successful sign-in: the redirect carrying a code (code flow) or an access token
 * (implicit grant), or {@code access_denied}. Shared by the login form and the consent page, so
 * both paths issue exactly the same answers.
 */
final class Approval {
  private final ProviderConfig config;
  private final Grants grants;
  private final ClientRedirect redirects;
  private final TokenIssuer issuer;
  private final SignedInBrowsers signedIn;

  Approval(
      ProviderConfig config,
      Grants grants,
      ClientRedirect redirects,
      TokenIssuer issuer,
      SignedInBrowsers signedIn) {
    this.config = config;
    this.grants = grants;
    this.redirects = redirects;
    this.issuer = issuer;
    this.signedIn = signedIn;
  }

  void allow(HttpExchange exchange, PendingAuthorization request, String username)
      throws IOException {
    signedIn.remember(exchange, username);
    if (request.implicit()) {
      String token =
          issuer.accessToken(
              request.clientId(), Optional.of(username), request.scope(), Randoms.id());
      Responses.redirect(exchange, redirects.withToken(request, token, issuer.expiresIn()));
      return;
    }
    String code = Randoms.token();
    String location = redirects.withCode(request, code);
    // Issue time is taken as late as possible, so codeAge measures the client, not this server.
    grants.storeCode(code, IssuedCode.issueNow(request, username, config.clock().instant()));
    Responses.redirect(exchange, location);
  }

  void deny(HttpExchange exchange, PendingAuthorization request) throws IOException {
    Responses.redirect(
        exchange, redirects.withError(request, "access_denied", "The user denied access"));
  }
}
