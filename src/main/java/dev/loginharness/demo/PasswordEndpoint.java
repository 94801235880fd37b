package dev.loginharness.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /login/password}: page 2 of the username-first style. The username is not in the
 * form: it comes from the step that page 1 parked, so only a live step id leads anywhere.
 */
final class PasswordEndpoint implements HttpHandler {
  private static final String HEADING = "Sign-in failed";

  private final ProviderConfig config;
  private final Grants grants;
  private final SignInSteps steps;

  PasswordEndpoint(ProviderConfig config, Grants grants, SignInSteps steps) {
    this.config = config;
    this.grants = grants;
    this.steps = steps;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Optional<Map<String, String>> form = Forms.read(exchange, HEADING, "step_id", "password");
    if (form.isEmpty()) {
      return;
    }
    String stepId = form.get().get("step_id");
    Optional<SignInStep> found = grants.step(stepId, SignInStep.Stage.PASSWORD);
    // The authorization itself must still be open: another tab may have finished it already.
    if (found.isEmpty() || grants.pending(found.get().requestId()).isEmpty()) {
      Forms.badRequest(exchange, HEADING, SignInSteps.UNKNOWN_REQUEST);
      return;
    }
    SignInStep step = found.get();
    if (config.loginStyle().captchaFor(exchange.getRequestHeaders().getFirst("User-Agent"))) {
      steps.showCaptcha(exchange, step.requestId(), false);
      return;
    }
    Users.Verdict verdict = config.users().check(step.username(), form.get().get("password"));
    if (verdict != Users.Verdict.SIGNED_IN) {
      String alert =
          verdict == Users.Verdict.LOCKED ? Html.ACCOUNT_LOCKED : Html.INVALID_CREDENTIALS;
      Responses.html(exchange, 200, Html.passwordPage(stepId, step.username(), alert));
      return;
    }
    if (!grants.finishStep(stepId, step) || !grants.complete(step.requestId())) {
      Forms.badRequest(
          exchange, HEADING, SignInSteps.UNKNOWN_REQUEST); // a double submit lost the race
      return;
    }
    steps.continueAfter(
        exchange, SignInStep.Stage.PASSWORD, step.request(), step.requestId(), step.username());
  }
}
