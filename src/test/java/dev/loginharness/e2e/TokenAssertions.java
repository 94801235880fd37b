package dev.loginharness.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loginharness.oauth.TokenSet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * "Not empty" proves nothing about a token. These ask the server that should have issued it: its
 * userinfo endpoint accepts only tokens it issued, that are live, and says whose they are.
 */
final class TokenAssertions {
  private TokenAssertions() {}

  /** Asserts that {@code userinfo} accepts the access token as {@code username}'s. */
  static void belongsTo(String userinfo, TokenSet tokens, String username) throws Exception {
    belongsTo(userinfo, tokens.accessToken().reveal(), username);
  }

  static void belongsTo(String userinfo, String accessToken, String username) throws Exception {
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(userinfo))
                    .header("Authorization", "Bearer " + accessToken)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, answer.statusCode(), "userinfo refused the token: " + answer.body());
    JsonNode claims = new ObjectMapper().readTree(answer.body());
    assertEquals(username, claims.path("preferred_username").asText(), answer.body());
  }
}
