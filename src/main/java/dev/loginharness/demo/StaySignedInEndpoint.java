package dev.loginharness.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /login/stay-signed-in}: Microsoft's "Stay signed in?" interstitial. Both answers
 * carry on alike (this server has no session to keep); only a post that is neither is refused.
 */
final class StaySignedInEndpoint implements HttpHandler {
  private static final String HEADING = "Sign-in failed";

  private final Grants grants;
  private final SignInSteps steps;

  StaySignedInEndpoint(Grants grants, SignInSteps steps) {
    this.grants = grants;
    this.steps = steps;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Optional<Map<String, String>> form = Forms.read(exchange, HEADING, "step_id", "stay_signed_in");
    if (form.isEmpty()) {
      return;
    }
    String answer = form.get().get("stay_signed_in");
    // Checked before the id is consumed: a malformed post must not use up the step.
    if (!answer.equals("yes") && !answer.equals("no")) {
      Forms.badRequest(exchange, HEADING, "The answer must be 'yes' or 'no'.");
      return;
    }
    String stepId = form.get().get("step_id");
    Optional<SignInStep> found = grants.step(stepId, SignInStep.Stage.STAY_SIGNED_IN);
    if (found.isEmpty() || !grants.finishStep(stepId, found.get())) {
      Forms.badRequest(exchange, HEADING, SignInSteps.UNKNOWN_REQUEST);
      return;
    }
    SignInStep step = found.get();
    steps.continueAfter(
        exchange,
        SignInStep.Stage.STAY_SIGNED_IN,
        step.request(),
        step.requestId(),
        step.username());
  }
}
