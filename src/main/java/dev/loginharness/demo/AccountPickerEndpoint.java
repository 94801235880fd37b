package dev.loginharness.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /login/account}: the "Choose an account" tiles. A remembered account's tile leads to
 * its password page (the account fixed under a step id, as in the username-first style); "Use
 * another account" to the sign-in form.
 */
final class AccountPickerEndpoint implements HttpHandler {
  private static final String HEADING = "Sign-in failed";

  private final ProviderConfig config;
  private final Grants grants;
  private final SignInSteps steps;

  AccountPickerEndpoint(ProviderConfig config, Grants grants, SignInSteps steps) {
    this.config = config;
    this.grants = grants;
    this.steps = steps;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Optional<Map<String, String>> form = Forms.read(exchange, HEADING, "request_id", "account");
    if (form.isEmpty()) {
      return;
    }
    String requestId = form.get().get("request_id");
    String account = form.get().get("account");
    Optional<PendingAuthorization> found = grants.pending(requestId);
    if (found.isEmpty()) {
      Forms.badRequest(exchange, HEADING, SignInSteps.UNKNOWN_REQUEST);
      return;
    }
    if (account.isEmpty()) {
      steps.showSignInPage(exchange, requestId);
      return;
    }
    if (!config.loginStyle().rememberedAccounts().contains(account)) {
      Forms.badRequest(exchange, HEADING, "That account is not remembered in this browser.");
      return;
    }
    String stepId =
        grants.parkStep(new SignInStep(found.get(), requestId, account, SignInStep.Stage.PASSWORD));
    Responses.html(exchange, 200, Html.passwordPage(stepId, account, null));
  }

  /** {@code GET /login/frame?request_id=…}: the sign-in form of the framed styles. */
  static HttpHandler framedForm(Grants grants, SignInSteps steps) {
    return exchange -> {
      String requestId;
      try {
        requestId = Params.parse(exchange.getRequestURI().getRawQuery()).required("request_id");
      } catch (Params.InvalidParameter e) {
        Forms.badRequest(exchange, HEADING, e.getMessage());
        return;
      }
      if (grants.pending(requestId).isEmpty()) {
        Forms.badRequest(exchange, HEADING, SignInSteps.UNKNOWN_REQUEST);
        return;
      }
      steps.showFramedForm(exchange, requestId);
    };
  }
}
