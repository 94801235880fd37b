package dev.loginharness.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The token endpoint's fault modes: what a client sees, and that only the first N get them. */
class TokenFaultsTest {
  private static final String REDIRECT = "http://127.0.0.1:9/callback";

  private DemoProvider provider;
  private LoopbackClient client;

  private void start(TokenFault fault, int times) throws IOException {
    provider =
        DemoProvider.builder()
            .client("demo-client")
            .redirectUri(REDIRECT)
            .user("alice", "wonderland")
            .tokenFault(fault, times)
            .tokenFaultRetryAfter(Duration.ofSeconds(2))
            .start();
    client = new LoopbackClient(provider);
  }

  @AfterEach
  void stop() {
    if (provider != null) {
      provider.close();
    }
  }

  private HttpResponse<String> redeem(String code) {
    return client.redeem(code, REDIRECT, LoopbackClient.VERIFIER);
  }

  @Test
  void unavailableAnswers503WithRetryAfterAndLeavesTheCodeUsable() throws IOException {
    start(TokenFault.UNAVAILABLE, 2);
    String code = client.code(REDIRECT, Map.of());

    HttpResponse<String> first = redeem(code);
    HttpResponse<String> second = redeem(code);
    HttpResponse<String> third = redeem(code);

    assertEquals(503, first.statusCode());
    assertEquals("2", first.headers().firstValue("Retry-After").orElse(null));
    assertEquals(503, second.statusCode());
    assertEquals(200, third.statusCode(), third.body());
    assertTrue(third.body().contains("\"access_token\""), third.body());
    assertEquals(2, provider.tokenFaultsServed());
    assertEquals(3, provider.tokenRequestCount());
  }

  @Test
  void dropConnectionClosesWithoutAnAnswer() throws IOException {
    start(TokenFault.DROP_CONNECTION, 1);
    String code = client.code(REDIRECT, Map.of());

    AssertionError dropped = assertThrows(AssertionError.class, () -> redeem(code));

    assertTrue(dropped.getCause() instanceof IOException, String.valueOf(dropped.getCause()));
    assertEquals(200, redeem(code).statusCode(), "the code was not consumed");
    assertEquals(1, provider.tokenFaultsServed());
  }

  @Test
  void truncatedBodyIsA200WithHalfATokenResponse() throws IOException {
    start(TokenFault.TRUNCATED_BODY, 1);

    HttpResponse<String> cut = redeem(client.code(REDIRECT, Map.of()));

    assertEquals(200, cut.statusCode());
    assertEquals(
        "application/json;charset=UTF-8", cut.headers().firstValue("Content-Type").orElse(""));
    assertTrue(cut.body().startsWith("{\"access_token\":\""), cut.body());
    assertFalse(cut.body().endsWith("}"), cut.body());
    assertEquals(1, provider.redemptions().size(), "the code was redeemed before the cut");
  }

  @Test
  void hostileErrorTextCarriesEscapeSequencesAndSixtyThousandCharacters() throws IOException {
    start(TokenFault.HOSTILE_ERROR_TEXT, 1);

    HttpResponse<String> answer = redeem(client.code(REDIRECT, Map.of()));

    assertEquals(400, answer.statusCode());
    assertTrue(answer.body().contains("\\u001b[2J"), answer.body().substring(0, 100));
    assertTrue(answer.body().length() > 60_000);
  }

  @Test
  void demoServerTakesTheFaultAsAFlag() throws IOException {
    try (DemoProvider served =
        DemoServer.start(
            new String[] {
              "--client",
              "c",
              "--redirect-uri",
              REDIRECT,
              "--user",
              "a:b",
              "--token-fault",
              "unavailable:1",
              "--token-fault-retry-after",
              "1"
            })) {
      HttpResponse<String> answer =
          new LoopbackClient(served).redeem("x", REDIRECT, LoopbackClient.VERIFIER);
      assertEquals(503, answer.statusCode());
      assertEquals("1", answer.headers().firstValue("Retry-After").orElse(null));
      assertEquals(1, served.tokenFaultsServed());
    }
    assertThrows(
        IllegalArgumentException.class,
        () ->
            DemoServer.start(
                new String[] {
                  "--client", "c", "--redirect-uri", REDIRECT, "--token-fault", "sometimes"
                }));
  }
}
