package dev.loginharness.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.loginharness.api.Credentials;
import dev.loginharness.demo.DemoProvider;
import dev.loginharness.oauth.TokenSet;
import dev.loginharness.secret.Secret;
import dev.loginharness.testing.Loopback;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The extension as a user's suite uses it, against the demo provider and a real headless Chromium:
 * a field and parameters of two types, one login for all of them — configured by annotations and
 * system properties here, and configured in code with the demo fixture in {@link ConfiguredInCode},
 * which a nested engine runs.
 */
@Tag("e2e")
@ExtendWith(LoginHarnessExtension.class)
class JUnitExtensionE2ETest {
  private static DemoProvider provider;

  @HarnessToken(
      provider = "demo-junit",
      usernameEnv = "LH_JUNIT_USER",
      passwordEnv = "LH_JUNIT_PASS")
  String fieldToken;

  @BeforeAll
  static void startProvider() throws Exception {
    int closed = Loopback.freePort();
    provider =
        DemoProvider.builder()
            .client("junit")
            .user("alice", "junit-Password-5")
            .redirectUri("http://127.0.0.1:" + closed + "/callback")
            .start();
    Path dir = Files.createTempDirectory("lh-junit");
    Path profile =
        Files.writeString(
            dir.resolve("demo-junit.json"),
            """
        {"name": "demo-junit", "authorizationEndpoint": "%s", "tokenEndpoint": "%s",
         "clientId": "junit", "redirectUri": "http://127.0.0.1:%d/callback"}
        """
                .formatted(provider.authorizationEndpoint(), provider.tokenEndpoint(), closed));
    // What a real suite puts in junit-platform.properties and its CI environment.
    System.setProperty("loginharness.provider.demo-junit", profile.toString());
    System.setProperty("loginharness.store", dir.resolve("store").toString());
    System.setProperty("LH_JUNIT_USER", "alice");
    System.setProperty("LH_JUNIT_PASS", "junit-Password-5");
  }

  @AfterAll
  static void stopProvider() {
    provider.close();
    for (String key :
        new String[] {
          "loginharness.provider.demo-junit", "loginharness.store", "LH_JUNIT_USER", "LH_JUNIT_PASS"
        }) {
      System.clearProperty(key);
    }
  }

  @Test
  void fieldAndParameterGetTheSameTokenFromOneLogin(
      @HarnessToken(
              provider = "demo-junit",
              usernameEnv = "LH_JUNIT_USER",
              passwordEnv = "LH_JUNIT_PASS")
          String token)
      throws Exception {
    assertEquals(fieldToken, token);
    assertEquals(1, provider.redemptions().size());
    assertEquals(200, userinfo(token));
  }

  @Test
  void aTokenSetParameterToo(
      @HarnessToken(
              provider = "demo-junit",
              usernameEnv = "LH_JUNIT_USER",
              passwordEnv = "LH_JUNIT_PASS")
          TokenSet tokens) {
    assertEquals(fieldToken, tokens.accessToken().reveal());
    assertEquals(1, provider.redemptions().size(), "one login for the whole run");
  }

  private static int userinfo(String token) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(provider.userinfoEndpoint()))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  /** The form configured in code, as another project's suite writes it, with nothing on disk. */
  @Test
  void configuredInCodeWithTheDemoFixture() {
    Events tests =
        EngineTestKit.engine("junit-jupiter")
            .selectors(selectClass(ConfiguredInCode.class))
            .execute()
            .testEvents();
    assertEquals(
        List.of(),
        tests.failed().stream()
            .map(e -> e.getPayload(TestExecutionResult.class).orElseThrow().getThrowable())
            .map(t -> t.map(Throwable::toString).orElse("?"))
            .toList());
    assertEquals(3, tests.succeeded().count());
    assertEquals(
        2, ConfiguredInCode.demo.redemptions().size(), "one login per account for the whole class");
  }

  static class ConfiguredInCode {
    static final DemoProvider demo =
        DemoProvider.builder()
            .user("alice", "code-Password-1")
            .user("bob", "code-Password-2")
            .start();

    @RegisterExtension
    static final LoginHarnessExtension harness =
        LoginHarnessExtension.forProfile(demo.profile())
            .credentials(demo.user().username(), demo.user().password())
            .account("second", Credentials.of("bob", Secret.of("code-Password-2")));

    @HarnessToken String fieldToken;

    @AfterAll
    static void stop() {
      demo.close();
    }

    @Test
    void fieldAndParameterGetAlicesToken(@HarnessToken String token) throws Exception {
      assertEquals(fieldToken, token);
      assertTrue(userinfo(demo, token).contains("\"preferred_username\":\"alice\""));
    }

    @Test
    void aTokenSetToo(@HarnessToken TokenSet tokens) {
      assertEquals(fieldToken, tokens.accessToken().reveal());
    }

    @Test
    void anotherAccountIsAnotherUser(@HarnessToken(account = "second") String token)
        throws Exception {
      assertNotEquals(fieldToken, token);
      assertTrue(userinfo(demo, token).contains("\"preferred_username\":\"bob\""));
    }

    private static String userinfo(DemoProvider demo, String token) throws Exception {
      HttpResponse<String> answer =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(demo.userinfoEndpoint()))
                      .header("Authorization", "Bearer " + token)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(200, answer.statusCode(), answer.body());
      return answer.body();
    }
  }
}
