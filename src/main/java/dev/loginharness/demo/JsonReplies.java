package dev.loginharness.demo;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes an endpoint's JSON answers. With the DeviantArt style every answer also says {@code
 * "status":"success"} or {@code "status":"error"}, which DeviantArt's clients check before anything
 * else; one instance per endpoint, so an endpoint outside that API can opt out.
 */
final class JsonReplies {
  private final boolean statusField;

  JsonReplies(boolean statusField) {
    this.statusField = statusField;
  }

  void success(HttpExchange exchange, Map<String, ?> fields) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>(fields);
    if (statusField) {
      body.putIfAbsent("status", "success");
    }
    Responses.json(exchange, 200, Json.object(body));
  }

  void error(HttpExchange exchange, TokenError error) throws IOException {
    error
        .challenge()
        .ifPresent(value -> exchange.getResponseHeaders().set("WWW-Authenticate", value));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error.error());
    body.put("error_description", error.description());
    if (statusField) {
      body.put("status", "error");
    }
    Responses.json(exchange, error.status(), Json.object(body));
  }
}
