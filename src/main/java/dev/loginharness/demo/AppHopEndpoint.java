package dev.loginharness.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /app/callback}: Pixiv's https callback. It answers with a redirect to the app's custom
 * scheme ({@code pixiv://account/login?code=…&via=login}), which no browser can load: a client has
 * to capture it from the network events instead. Only the code (or the error) goes on: the {@code
 * state} on this hop is the provider's own, and the app URL has none (docs/providers.md, "Pixiv").
 */
final class AppHopEndpoint implements HttpHandler {
  private final String appBase;

  AppHopEndpoint(String scheme) {
    this.appBase = scheme + "://account/login";
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Params received = Params.parse(exchange.getRequestURI().getRawQuery());
    Map<String, String> forwarded = new LinkedHashMap<>();
    for (String name : new String[] {"code", "error", "error_description"}) {
      try {
        received.optional(name).ifPresent(value -> forwarded.put(name, value));
      } catch (Params.InvalidParameter repeated) {
        Responses.html(exchange, 400, Html.errorPage("Invalid callback", repeated.getMessage()));
        return;
      }
    }
    forwarded.put("via", "login");
    Responses.redirect(exchange, Params.appendQuery(appBase, forwarded));
  }
}
