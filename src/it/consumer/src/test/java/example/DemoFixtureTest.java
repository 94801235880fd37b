package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loginharness.demo.DemoProvider;
import dev.loginharness.junit.HarnessToken;
import dev.loginharness.junit.LoginHarnessExtension;
import dev.loginharness.oauth.TokenSet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Another project's test, with login-harness as its one dependency: the demo provider as a fixture,
 * the extension configured in code with its profile and user — no profile file, no system property,
 * no drivers.properties — and a token checked against the provider that issued it.
 */
class DemoFixtureTest {
  static final DemoProvider demo = DemoProvider.builder().start();

  @RegisterExtension
  static final LoginHarnessExtension harness =
      LoginHarnessExtension.forProfile(demo.profile())
          .credentials(demo.user().username(), demo.user().password());

  @HarnessToken String token;

  @AfterAll
  static void stopProvider() {
    demo.close();
  }

  @Test
  void theProviderKnowsTheTokenAsItsUsers() throws Exception {
    HttpResponse<String> answer = userinfo(token);

    assertEquals(200, answer.statusCode(), answer.body());
    assertTrue(
        answer.body().contains("\"preferred_username\":\"" + demo.user().username() + "\""),
        answer.body());
  }

  @Test
  void aTokenSetParameterHasTheSameTokenFromTheOneLogin(@HarnessToken TokenSet tokens) {
    assertEquals(token, tokens.accessToken().reveal());
    assertTrue(tokens.refreshToken().isPresent(), "the demo provider issues refresh tokens");
    assertTrue(tokens.expiresAt().orElseThrow().isAfter(Instant.now()));
    assertEquals(1, demo.redemptions().size(), "one login for the whole class");
  }

  @Test
  void theProviderRefusesATokenItDidNotIssue() throws Exception {
    assertEquals(401, userinfo(token + "x").statusCode());
  }

  private static HttpResponse<String> userinfo(String bearer) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(demo.userinfoEndpoint()))
                .header("Authorization", "Bearer " + bearer)
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
