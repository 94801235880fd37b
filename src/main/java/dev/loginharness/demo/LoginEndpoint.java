package dev.loginharness.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Optional;

/**
 * {@code POST /login}: checks the credentials and sends the browser back to the client, or on to the
 * consent page when that is enabled.
 */
final class LoginEndpoint implements HttpHandler {
    private static final String UNKNOWN_REQUEST =
            "This sign-in request is unknown or already finished. Start again from the application.";

    private final ProviderConfig config;
    private final Grants grants;
    private final Approval approval;

    LoginEndpoint(ProviderConfig config, Grants grants, Approval approval) {
        this.config = config;
        this.grants = grants;
        this.approval = approval;
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
        try {
            Params form = Params.parse(body);
            requestId = form.optional("request_id").orElse("");
            username = form.optional("username").orElse("");
            password = form.optional("password").orElse("");
        } catch (Params.InvalidParameter e) {
            badRequest(exchange, e.getMessage());
            return;
        }

        Optional<PendingAuthorization> found = grants.pending(requestId);
        if (found.isEmpty()) {
            badRequest(exchange, UNKNOWN_REQUEST);
            return;
        }
        if (!config.users().matches(username, password)) {
            // 200, like real providers: the form is shown again; the password is never echoed.
            Responses.html(exchange, 200, Html.loginPage(requestId, username, true));
            return;
        }
        if (!grants.complete(requestId)) {
            badRequest(exchange, UNKNOWN_REQUEST); // a double submit lost the race
            return;
        }
        PendingAuthorization request = found.get();
        if (config.denyConsent()) {
            approval.deny(exchange, request);
            return;
        }
        if (config.consentPage()) {
            String consentId = grants.parkConsent(new Grants.PendingConsent(request, username));
            Responses.html(exchange, 200, Html.consentPage(consentId, request.clientId()));
            return;
        }
        approval.allow(exchange, request, username);
    }

    private static void badRequest(HttpExchange exchange, String message) throws IOException {
        Responses.html(exchange, 400, Html.errorPage("Sign-in failed", message));
    }
}
