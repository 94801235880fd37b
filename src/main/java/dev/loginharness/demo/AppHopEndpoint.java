package dev.loginharness.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/**
 * {@code GET /app/callback}: the Pixiv-like hop. Some providers register an https page as redirect
 * URI which then bounces to a custom scheme ({@code pixiv://account/login?code=...&via=login}). A
 * browser cannot load that URL; a client has to capture it from the network events instead, and
 * this endpoint reproduces exactly that situation.
 */
final class AppHopEndpoint implements HttpHandler {
    private final String appBase;

    AppHopEndpoint(String scheme) {
        this.appBase = scheme + "://account/login";
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        // The raw query is forwarded byte for byte: re-encoding could alter the code or state.
        String query = exchange.getRequestURI().getRawQuery();
        String forwarded = (query == null || query.isEmpty()) ? "via=login" : query + "&via=login";
        Responses.redirect(exchange, appBase + "?" + forwarded);
    }
}
