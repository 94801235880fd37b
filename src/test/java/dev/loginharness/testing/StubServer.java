package dev.loginharness.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server on loopback for unit tests (a token endpoint, a check endpoint, a captive
 * portal): it records every request and answers each with the status, content type and body last
 * set, which a test may change at any time. The client under test talks real HTTP to it.
 */
public final class StubServer implements AutoCloseable {
  /**
   * One request as it arrived.
   *
   * @param target the request target: the path and query, as sent
   * @param headers as the JDK server keeps them (names in "First-letter-upper" form)
   */
  public record Request(
      String method, String target, Map<String, List<String>> headers, String body) {
    /** The path, without the query. */
    public String path() {
      return URI.create(target).getPath();
    }

    /** The body as an HTML form's fields (a token request's), decoded. */
    public Map<String, String> form() {
      Map<String, String> form = new LinkedHashMap<>();
      for (String pair : body.split("&")) {
        int eq = pair.indexOf('=');
        form.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
      return form;
    }

    /** The first value of header {@code name} (any case), or null. */
    public String header(String name) {
      List<String> values =
          headers.get(name.substring(0, 1).toUpperCase() + name.substring(1).toLowerCase());
      return values == null ? null : values.get(0);
    }
  }

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile int status = 200;
  private volatile String contentType = "application/json";
  private volatile String body = "";

  private StubServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** A server answering 200, {@code application/json}, an empty body, until told otherwise. */
  public static StubServer start() throws IOException {
    return new StubServer();
  }

  /** The status of every answer from now on. */
  public void status(int status) {
    this.status = status;
  }

  /** The Content-Type of every answer from now on. */
  public void contentType(String contentType) {
    this.contentType = contentType;
  }

  /** The body of every answer from now on. */
  public void body(String body) {
    this.body = body;
  }

  /** {@code http://127.0.0.1:PORT} + {@code path}. */
  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  /** The requests so far, in the order they arrived. */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.add(
        new Request(
            exchange.getRequestMethod(),
            exchange.getRequestURI().toString(),
            Map.copyOf(exchange.getRequestHeaders()),
            new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
