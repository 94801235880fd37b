package dev.loginharness.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loginharness.secret.Secret;
import dev.loginharness.testing.StubServer;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The token check against a bearer-protected endpoint on loopback that records what it got. */
class BearerCheckTest {
  private static final Secret TOKEN = Secret.of("access-token-31337");

  private StubServer server;

  private final BearerCheck check =
      BearerCheck.sharing(new TokenClient(new OkHttpClient(), Clock.systemUTC()));

  @BeforeEach
  void start() throws Exception {
    server = StubServer.start();
    server.body("{\"status\":\"success\"}");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** Each request as "target Authorization User-Agent". */
  private List<String> seen() {
    return server.requests().stream()
        .map(r -> r.target() + " " + r.header("Authorization") + " " + r.header("User-Agent"))
        .toList();
  }

  private BearerCheck.Result run() throws TokenEndpointException {
    return check.check(server.uri("/placebo"), TOKEN, Map.of("User-Agent", "MyApp/1.0"));
  }

  @Test
  void theTokenGoesInTheHeaderNeverTheQuery() throws Exception {
    BearerCheck.Result result = run();

    assertTrue(result.accepted());
    assertEquals(List.of("/placebo Bearer access-token-31337 MyApp/1.0"), seen());
  }

  @Test
  void aRefusalIsAnAnswerThatNamesTheErrorButNotTheToken() throws Exception {
    server.status(401);
    server.body(
        "{\"error\":\"invalid_token\",\"error_description\":\"token access-token-31337 expired\"}");

    BearerCheck.Result result = run();

    assertFalse(result.accepted());
    assertEquals(401, result.httpStatus());
    assertEquals("HTTP 401 invalid_token", result.detail());
  }

  /** DeviantArt (docs/providers.md): a refusal may come as a 200 with an error status. */
  @Test
  void aDeviantArtErrorStatusIsARefusal() throws Exception {
    server.body("{\"status\":\"error\",\"error\":\"invalid_token\"}");

    assertFalse(run().accepted());
  }

  @Test
  void anUnreachableEndpointIsAnError() {
    server.close();
    TokenEndpointException e = assertThrows(TokenEndpointException.class, this::run);
    assertEquals("network_error", e.error());
  }
}
