package dev.loginharness.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /login/identifier}: page 1 of the username-first style. Any non-blank name leads to
 * the password page, known or not, so this page cannot be used to find out which accounts exist.
 */
final class IdentifierEndpoint implements HttpHandler {
  private static final String HEADING = "Sign-in failed";

  private final Grants grants;

  IdentifierEndpoint(Grants grants) {
    this.grants = grants;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Optional<Map<String, String>> form = Forms.read(exchange, HEADING, "request_id", "identifier");
    if (form.isEmpty()) {
      return;
    }
    String requestId = form.get().get("request_id");
    String identifier = form.get().get("identifier").strip();
    Optional<PendingAuthorization> found = grants.pending(requestId);
    if (found.isEmpty()) {
      Forms.badRequest(exchange, HEADING, SignInSteps.UNKNOWN_REQUEST);
      return;
    }
    if (identifier.isEmpty()) {
      Responses.html(exchange, 200, Html.identifierPage(requestId, "", Html.MISSING_IDENTIFIER));
      return;
    }
    // The request itself stays pending: it is completed only when a password is accepted.
    String stepId =
        grants.parkStep(
            new SignInStep(found.get(), requestId, identifier, SignInStep.Stage.PASSWORD));
    Responses.html(exchange, 200, Html.passwordPage(stepId, identifier, null));
  }
}
