package dev.loginharness.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Optional;

/**
 * {@code POST /consent}: the user's decision on the consent page. The form carries only an opaque
 * id and the pressed button's {@code decision}; everything else stayed on the server.
 */
final class ConsentEndpoint implements HttpHandler {
  private static final String UNKNOWN_CONSENT =
      "This authorization request is unknown or already decided. Start again from the application.";

  private final Grants grants;
  private final Approval approval;

  ConsentEndpoint(Grants grants, Approval approval) {
    this.grants = grants;
    this.approval = approval;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    if (!Responses.isForm(exchange)) {
      badRequest(exchange, "The consent form must be posted as application/x-www-form-urlencoded.");
      return;
    }
    String body = Responses.readBody(exchange);
    if (body == null) {
      badRequest(exchange, "The request is too large.");
      return;
    }
    String consentId;
    String decision;
    try {
      Params form = Params.parse(body);
      consentId = form.optional("consent_id").orElse("");
      decision = form.optional("decision").orElse("");
    } catch (Params.InvalidParameter e) {
      badRequest(exchange, e.getMessage());
      return;
    }
    // Checked before the id is consumed: a malformed post must not use up the user's decision.
    if (!decision.equals("allow") && !decision.equals("deny")) {
      badRequest(exchange, "The decision must be 'allow' or 'deny'.");
      return;
    }
    Optional<Grants.PendingConsent> found = grants.decideConsent(consentId);
    if (found.isEmpty()) {
      badRequest(exchange, UNKNOWN_CONSENT);
      return;
    }
    if (decision.equals("allow")) {
      approval.allow(exchange, found.get().request(), found.get().username());
    } else {
      approval.deny(exchange, found.get().request());
    }
  }

  private static void badRequest(HttpExchange exchange, String message) throws IOException {
    Responses.html(exchange, 400, Html.errorPage("Authorization failed", message));
  }
}
