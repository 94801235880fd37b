package dev.loginharness.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Dispatches on the exact path. {@code HttpServer} contexts match by prefix, which would make
 * {@code /authorize/anything} an authorization endpoint; one root handler avoids that.
 */
final class Router implements HttpHandler {
  /** An endpoint answers its methods; the others get 405 with an {@code Allow} header. */
  record Route(List<String> methods, HttpHandler handler) {
    Route {
      methods = List.copyOf(methods);
    }

    Route(String method, HttpHandler handler) {
      this(List.of(method), handler);
    }
  }

  private final Map<String, Route> routes;

  Router(Map<String, Route> routes) {
    this.routes = Map.copyOf(routes);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      Route route = routes.get(exchange.getRequestURI().getRawPath());
      if (route == null) {
        Responses.html(exchange, 404, Html.errorPage("Not found", "There is nothing here."));
      } else if (!route.methods().contains(exchange.getRequestMethod())) {
        String allowed = String.join(", ", route.methods());
        exchange.getResponseHeaders().set("Allow", allowed);
        Responses.html(exchange, 405, Html.errorPage("Method not allowed", "Use " + allowed + "."));
      } else {
        route.handler().handle(exchange);
      }
    } catch (RuntimeException e) {
      // Deliberately not logged: the exception could carry request data. The client sees a
      // 500 instead of a dropped connection, which is what the JDK server would do.
      if (exchange.getResponseCode() == -1) {
        Responses.html(
            exchange, 500, Html.errorPage("Internal error", "The demo provider failed."));
      }
    } finally {
      exchange.close();
    }
  }
}
