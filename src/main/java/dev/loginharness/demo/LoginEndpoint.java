package dev.loginharness.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Optional;

/**
 * {@code POST /login}: checks the credentials of the single-page form and hands over to the next
 * sign-in step (a one-time code, "Stay signed in?", consent) or sends the browser back to the
 * client.
 */
final class LoginEndpoint implements HttpHandler {
  private final ProviderConfig config;
  private final Grants grants;
  private final SignInSteps steps;

  LoginEndpoint(ProviderConfig config, Grants grants, SignInSteps steps) {
    this.config = config;
    this.grants = grants;
    this.steps = steps;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    if (!Responses.isForm(exchange)) {
      badRequest(exchange, "The sign-in form must be posted as application/x-www-form-urlencoded.");
      return;
    }
    String body = Responses.readBody(exchange);
    if (body == null) {
      badRequest(exchange, "The request is too large.");
      return;
    }
    String requestId;
    String username;
    String password;
    boolean terms;
    boolean remember;
    try {
      Params form = Params.parse(body);
      requestId = form.optional("request_id").orElse("");
      username = form.optional("username").orElse("");
      password = form.optional("password").orElse("");
      terms = form.optional("terms").isPresent();
      remember = form.optional("remember").isPresent();
    } catch (Params.InvalidParameter e) {
      badRequest(exchange, e.getMessage());
      return;
    }

    Optional<PendingAuthorization> found = grants.pending(requestId);
    if (found.isEmpty()) {
      badRequest(exchange, SignInSteps.UNKNOWN_REQUEST);
      return;
    }
    if (config.loginStyle().captchaFor(exchange.getRequestHeaders().getFirst("User-Agent"))) {
      // Bot defences challenge before they say whether the password was right.
      steps.showCaptcha(exchange, requestId, false);
      return;
    }
    boolean termsBox = config.loginStyle().termsCheckbox();
    if (remember) {
      grants.countRememberMe();
    }
    if (termsBox && !terms) {
      Responses.html(
          exchange, 200, Html.loginPage(requestId, username, Html.TERMS_NOT_ACCEPTED, true));
      return;
    }
    Users.Verdict verdict = config.users().check(username, password);
    if (verdict != Users.Verdict.SIGNED_IN) {
      // 200, like real providers: the form is shown again; the password is never echoed.
      String alert =
          verdict == Users.Verdict.LOCKED ? Html.ACCOUNT_LOCKED : Html.INVALID_CREDENTIALS;
      Responses.html(exchange, 200, Html.loginPage(requestId, username, alert, termsBox));
      return;
    }
    if (!grants.complete(requestId)) {
      badRequest(exchange, SignInSteps.UNKNOWN_REQUEST); // a double submit lost the race
      return;
    }
    steps.continueAfter(exchange, SignInStep.Stage.PASSWORD, found.get(), requestId, username);
  }

  private static void badRequest(HttpExchange exchange, String message) throws IOException {
    Responses.html(exchange, 400, Html.errorPage("Sign-in failed", message));
  }
}
