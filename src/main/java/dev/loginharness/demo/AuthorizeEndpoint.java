package dev.loginharness.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Optional;

/**
 * {@code GET /authorize}: validates the request and shows the login form. {@code
 * response_type=code} requires PKCE S256; {@code response_type=token} (the implicit grant) is
 * accepted only when enabled.
 *
 * <p>The order of checks follows RFC 6749 4.1.2.1: until client and redirect URI are known to be
 * good, errors are shown to the user as a page, because redirecting to an unverified URI would make
 * the provider an open redirector. After that, errors go back to the client as {@code error=}.
 */
final class AuthorizeEndpoint implements HttpHandler {
  private final ProviderConfig config;
  private final Grants grants;
  private final ClientRedirect redirects;
  private final SignInSteps steps;
  private final SignedInBrowsers signedIn;
  private final Approval approval;

  AuthorizeEndpoint(
      ProviderConfig config,
      Grants grants,
      ClientRedirect redirects,
      SignInSteps steps,
      SignedInBrowsers signedIn,
      Approval approval) {
    this.config = config;
    this.grants = grants;
    this.redirects = redirects;
    this.steps = steps;
    this.signedIn = signedIn;
    this.approval = approval;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Params params;
    String clientId;
    String redirectUri;
    String responseType;
    try {
      params = Params.parse(exchange.getRequestURI().getRawQuery());
      clientId = params.required("client_id");
      redirectUri = params.required("redirect_uri");
      responseType = params.required("response_type");
    } catch (Params.InvalidParameter e) {
      badRequest(exchange, e.getMessage());
      return;
    }
    ClientRegistration client = config.client();
    if (!client.id().equals(clientId)) {
      badRequest(exchange, "Unknown client_id.");
      return;
    }
    if (!client.redirectUris().contains(redirectUri)) {
      badRequest(
          exchange, "The redirect_uri is not registered for this client (exact match required).");
      return;
    }
    boolean implicit = responseType.equals("token");
    if (!responseType.equals("code") && !implicit) {
      badRequest(exchange, "Unsupported response_type: only 'code' is supported.");
      return;
    }

    Optional<String> state;
    try {
      state = params.optional("state");
    } catch (Params.InvalidParameter e) {
      rejectToClient(
          exchange,
          redirectUri,
          Optional.empty(),
          e.getMessage(),
          implicit && config.allowImplicit());
      return;
    }
    if (implicit && !config.allowImplicit()) {
      // A response type the server knows but does not allow here: the client gets to hear it.
      Responses.redirect(
          exchange,
          redirects.withError(
              redirectUri,
              state,
              "unsupported_response_type",
              "response_type 'token' (the implicit grant) is not enabled"));
      return;
    }
    try {
      if (implicit) {
        PendingAuthorization request =
            PendingAuthorization.token(clientId, redirectUri, params.optional("scope"), state);
        signInOrApprove(exchange, request);
        return;
      }
      // Public clients have nothing else proving they started this request (RFC 7636); 'plain'
      // would send the verifier in the clear, so only S256 is accepted.
      String method = params.optional("code_challenge_method").orElse(null);
      if (!"S256".equals(method)) {
        rejectToClient(exchange, redirectUri, state, "code_challenge_method must be S256", false);
        return;
      }
      String challenge = params.required("code_challenge");
      if (!Pkce.isValidChallenge(challenge)) {
        rejectToClient(
            exchange,
            redirectUri,
            state,
            "code_challenge must be 43-128 base64url characters",
            false);
        return;
      }
      PendingAuthorization request =
          PendingAuthorization.code(
              clientId, redirectUri, challenge, params.optional("scope"), state);
      signInOrApprove(exchange, request);
    } catch (Params.InvalidParameter e) {
      rejectToClient(exchange, redirectUri, state, e.getMessage(), implicit);
    }
  }

  /** A browser that signed in before goes straight back to the client; any other signs in. */
  private void signInOrApprove(HttpExchange exchange, PendingAuthorization request)
      throws IOException {
    Optional<String> user = signedIn.signedIn(exchange);
    if (user.isPresent()) {
      approval.allow(exchange, request, user.get());
    } else {
      steps.showFirstPage(exchange, grants.park(request));
    }
  }

  /** The implicit grant answers in the fragment, errors included (RFC 6749 4.2.2.1). */
  private void rejectToClient(
      HttpExchange exchange,
      String redirectUri,
      Optional<String> state,
      String description,
      boolean fragment)
      throws IOException {
    Responses.redirect(
        exchange,
        fragment
            ? redirects.withFragmentError(redirectUri, state, "invalid_request", description)
            : redirects.withError(redirectUri, state, "invalid_request", description));
  }

  private static void badRequest(HttpExchange exchange, String message) throws IOException {
    Responses.html(exchange, 400, Html.errorPage("Invalid authorization request", message));
  }
}
