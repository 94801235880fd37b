package dev.loginharness.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Optional;

/**
 * Pixiv's app login as Pixiv runs it (docs/providers.md, "Pixiv"), enabled with {@link
 * DemoProvider.Builder#appRedirect(String)}:
 *
 * <ul>
 *   <li>{@code GET /web/v1/login?code_challenge=…&code_challenge_method=S256&client=…} takes no
 *       {@code state}, {@code client_id}, {@code redirect_uri} or {@code scope} from the client:
 *       the app's one client and the https callback are implied, and extra parameters are ignored.
 *   <li>The sign-in page is on another host name ({@code localhost} instead of {@code 127.0.0.1}),
 *       reached by a redirect, as Pixiv's is on {@code accounts.pixiv.net}.
 *   <li>After the sign-in the browser is sent to the https callback with a {@code state} of the
 *       provider's own — never the client's — and from there ({@link AppHopEndpoint}) to the app's
 *       custom scheme with no state at all.
 * </ul>
 */
final class AppLoginEndpoint {
  static final String LOGIN_PATH = "/web/v1/login";
  static final String SIGN_IN_PATH = "/app/sign-in";

  /** The host name of the sign-in pages: another name for the same loopback server. */
  static final String SIGN_IN_HOST = "localhost";

  private final ProviderConfig config;
  private final Grants grants;
  private final SignInSteps steps;
  private final SignedInBrowsers signedIn;
  private final Approval approval;
  private final String appCallbackUri;

  AppLoginEndpoint(
      ProviderConfig config,
      Grants grants,
      SignInSteps steps,
      SignedInBrowsers signedIn,
      Approval approval,
      String appCallbackUri) {
    this.config = config;
    this.grants = grants;
    this.steps = steps;
    this.signedIn = signedIn;
    this.approval = approval;
    this.appCallbackUri = appCallbackUri;
  }

  /** {@code GET /web/v1/login}: checks PKCE, then sends the browser to the sign-in host. */
  HttpHandler login() {
    return exchange -> {
      Params params = Params.parse(exchange.getRequestURI().getRawQuery());
      String challenge;
      try {
        if (!"S256".equals(params.optional("code_challenge_method").orElse(null))) {
          badRequest(exchange, "code_challenge_method must be S256");
          return;
        }
        challenge = params.required("code_challenge");
      } catch (Params.InvalidParameter e) {
        badRequest(exchange, e.getMessage());
        return;
      }
      if (!Pkce.isValidChallenge(challenge)) {
        badRequest(exchange, "code_challenge must be 43-128 base64url characters");
        return;
      }
      // Pixiv's own state: it travels on the https callback and means nothing to the client.
      PendingAuthorization request =
          PendingAuthorization.code(
              config.client().id(),
              appCallbackUri,
              challenge,
              Optional.empty(),
              Optional.of(Randoms.id()));
      int port = exchange.getLocalAddress().getPort();
      Responses.redirect(
          exchange,
          "http://"
              + SIGN_IN_HOST
              + ":"
              + port
              + SIGN_IN_PATH
              + "?request="
              + grants.park(request));
    };
  }

  /**
   * {@code GET /app/sign-in?request=…}: the first sign-in page, or straight on for a known browser.
   */
  HttpHandler signIn() {
    return exchange -> {
      String id;
      try {
        id = Params.parse(exchange.getRequestURI().getRawQuery()).required("request");
      } catch (Params.InvalidParameter e) {
        badRequest(exchange, e.getMessage());
        return;
      }
      Optional<PendingAuthorization> request = grants.pending(id);
      if (request.isEmpty()) {
        badRequest(exchange, "This sign-in link has expired; start again from the app.");
        return;
      }
      Optional<String> user = signedIn.signedIn(exchange);
      if (user.isPresent() && grants.complete(id)) {
        approval.allow(exchange, request.get(), user.get());
      } else {
        steps.showFirstPage(exchange, id);
      }
    };
  }

  private static void badRequest(HttpExchange exchange, String message) throws IOException {
    Responses.html(exchange, 400, Html.errorPage("Invalid login request", message));
  }
}
