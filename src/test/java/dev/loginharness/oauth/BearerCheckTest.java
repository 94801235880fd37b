package dev.loginharness.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.loginharness.secret.Secret;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The token check against a bearer-protected endpoint on loopback that records what it got. */
class BearerCheckTest {
  private static final Secret TOKEN = Secret.of("access-token-31337");

  private HttpServer server;
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private volatile int status = 200;
  private volatile String body = "{\"status\":\"success\"}";
  private final BearerCheck check =
      BearerCheck.sharing(new TokenClient(new OkHttpClient(), Clock.systemUTC()));

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          seen.add(
              exchange.getRequestURI()
                  + " "
                  + exchange.getRequestHeaders().getFirst("Authorization")
                  + " "
                  + exchange.getRequestHeaders().getFirst("User-Agent"));
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private BearerCheck.Result run() throws TokenEndpointException {
    return check.check(
        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/placebo"),
        TOKEN,
        Map.of("User-Agent", "MyApp/1.0"));
  }

  @Test
  void theTokenGoesInTheHeaderNeverTheQuery() throws Exception {
    BearerCheck.Result result = run();

    assertTrue(result.accepted());
    assertEquals(List.of("/placebo Bearer access-token-31337 MyApp/1.0"), seen);
  }

  @Test
  void aRefusalIsAnAnswerThatNamesTheErrorButNotTheToken() throws Exception {
    status = 401;
    body =
        "{\"error\":\"invalid_token\",\"error_description\":\"token access-token-31337 expired\"}";

    BearerCheck.Result result = run();

    assertFalse(result.accepted());
    assertEquals(401, result.httpStatus());
    assertEquals("HTTP 401 invalid_token", result.detail());
  }

  /** DeviantArt (docs/providers.md): a refusal may come as a 200 with an error status. */
  @Test
  void aDeviantArtErrorStatusIsARefusal() throws Exception {
    body = "{\"status\":\"error\",\"error\":\"invalid_token\"}";

    assertFalse(run().accepted());
  }

  @Test
  void anUnreachableEndpointIsAnError() {
    server.stop(0);
    TokenEndpointException e = assertThrows(TokenEndpointException.class, this::run);
    assertEquals("network_error", e.error());
  }
}
