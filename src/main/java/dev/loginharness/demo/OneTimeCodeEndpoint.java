package dev.loginharness.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /login/otp}: the authenticator code, checked against the provider's clock. A wrong
 * code shows the page again under the same step id, so the user (or harness) can wait for the next
 * code.
 */
final class OneTimeCodeEndpoint implements HttpHandler {
  private static final String HEADING = "Verification failed";

  private final ProviderConfig config;
  private final Grants grants;
  private final SignInSteps steps;
  private final Totp totp;

  OneTimeCodeEndpoint(ProviderConfig config, Grants grants, SignInSteps steps, Totp totp) {
    this.config = config;
    this.grants = grants;
    this.steps = steps;
    this.totp = totp;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Optional<Map<String, String>> form = Forms.read(exchange, HEADING, "step_id", "otp");
    if (form.isEmpty()) {
      return;
    }
    String stepId = form.get().get("step_id");
    Optional<SignInStep> found = grants.step(stepId, SignInStep.Stage.ONE_TIME_CODE);
    if (found.isEmpty()) {
      Forms.badRequest(exchange, HEADING, SignInSteps.UNKNOWN_REQUEST);
      return;
    }
    if (!totp.verify(form.get().get("otp"), config.clock().instant())) {
      Responses.html(exchange, 200, Html.oneTimeCodePage(stepId, true));
      return;
    }
    SignInStep step = found.get();
    if (!grants.finishStep(stepId, step)) {
      Forms.badRequest(exchange, HEADING, SignInSteps.UNKNOWN_REQUEST);
      return;
    }
    steps.continueAfter(
        exchange,
        SignInStep.Stage.ONE_TIME_CODE,
        step.request(),
        step.requestId(),
        step.username());
  }
}
