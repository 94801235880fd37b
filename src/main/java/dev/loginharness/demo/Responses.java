package dev.loginharness.demo;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reading request bodies and writing responses. Every response is {@code no-store}: pages carry
 * request ids, redirects carry codes and the token endpoint carries tokens (RFC 6749 5.1).
 */
final class Responses {
  /** A login form or token request is a few hundred bytes; refuse to buffer anything silly. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  private static final String FORM = "application/x-www-form-urlencoded";

  private Responses() {}

  static boolean isForm(HttpExchange exchange) {
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    if (type == null) {
      return false;
    }
    int semicolon = type.indexOf(';');
    String mediaType = (semicolon < 0 ? type : type.substring(0, semicolon)).trim();
    return mediaType.equalsIgnoreCase(FORM);
  }

  /** The body as text, or null when it exceeds {@link #MAX_BODY_BYTES}. */
  static String readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      return body.length > MAX_BODY_BYTES ? null : new String(body, StandardCharsets.UTF_8);
    }
  }

  static void html(HttpExchange exchange, int status, String html) throws IOException {
    // No scripts, no framing (clickjacking of the login form). form-action is deliberately
    // absent: Chromium applies it to the redirect after the POST, which would block the
    // very redirect to the client that this server exists to send.
    html(
        exchange,
        status,
        html,
        "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
  }

  /** The captcha page: as {@link #html}, but it may frame this server's captcha widget. */
  static void htmlFramingSelf(HttpExchange exchange, int status, String html) throws IOException {
    html(
        exchange,
        status,
        html,
        "default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'; frame-ancestors 'none'");
  }

  /** The captcha widget: as {@link #html}, but only this server's own pages may frame it. */
  static void htmlFramedBySelf(HttpExchange exchange, int status, String html) throws IOException {
    html(
        exchange,
        status,
        html,
        "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'");
  }

  /** A page with an inline script (the web component of the shadow-root style), not framable. */
  static void htmlWithScript(HttpExchange exchange, String html) throws IOException {
    html(
        exchange,
        200,
        html,
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; frame-ancestors 'none'");
  }

  /** A page that frames the sign-in form from {@code frameSource} ({@code 'self'} or an origin). */
  static void htmlFraming(HttpExchange exchange, String html, String frameSource)
      throws IOException {
    html(
        exchange,
        200,
        html,
        "default-src 'none'; style-src 'unsafe-inline'; frame-src "
            + frameSource
            + "; frame-ancestors 'none'");
  }

  /** The framed sign-in form: only {@code ancestor} ({@code 'self'} or an origin) may frame it. */
  static void htmlFramedBy(HttpExchange exchange, String html, String ancestor) throws IOException {
    html(
        exchange,
        200,
        html,
        "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors " + ancestor);
  }

  private static void html(
      HttpExchange exchange, int status, String html, String contentSecurityPolicy)
      throws IOException {
    Headers headers = exchange.getResponseHeaders();
    headers.set("Content-Type", "text/html; charset=utf-8");
    headers.set("Content-Security-Policy", contentSecurityPolicy);
    send(exchange, status, html);
  }

  static void json(HttpExchange exchange, int status, String json) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
    exchange.getResponseHeaders().set("Pragma", "no-cache");
    send(exchange, status, json);
  }

  static void redirect(HttpExchange exchange, String location) throws IOException {
    exchange.getResponseHeaders().set("Location", location);
    send(exchange, 302, null);
  }

  static void empty(HttpExchange exchange, int status) throws IOException {
    send(exchange, status, null);
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    Headers headers = exchange.getResponseHeaders();
    headers.set("Cache-Control", "no-store");
    headers.set("X-Content-Type-Options", "nosniff");
    // Keeps codes in a redirect's Location and ids in a page URL out of Referer headers.
    headers.set("Referrer-Policy", "no-referrer");
    if (body == null) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
