package dev.loginharness.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loginharness.api.LoginHarness;
import dev.loginharness.api.LoginListener;
import dev.loginharness.api.LoginTimeline;
import dev.loginharness.api.MintOutcome;
import dev.loginharness.api.MintPlan;
import dev.loginharness.demo.DemoProvider;
import dev.loginharness.testing.Loopback;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mint logs its accounts in in one browser, one after another and at the same time, each in a user
 * context of its own. The demo provider here remembers signed-in browsers, as real ones do: had one
 * account's login seen another's session cookie, the provider would have approved it as that
 * account without asking, and its token would name the wrong user. And had one login's capture
 * heard another's callback, its state check would have failed it.
 */
@Tag("e2e")
class MintReuseE2ETest extends DemoProviderE2E {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> USERS = List.of("ann", "bea", "cid");

  @TempDir Path dir;
  private Path profile;
  private Path accounts;

  @BeforeEach
  void providerAndAccounts() throws Exception {
    DemoProvider.Builder builder =
        DemoProvider.builder()
            .client("mint-reuse")
            .rememberSignIn(true)
            .redirectUri("http://127.0.0.1:" + Loopback.freePort() + "/callback");
    StringBuilder csv = new StringBuilder("account,username,password_file\n");
    for (String user : USERS) {
      builder.user(user, user + "-Pw-7731");
      Files.writeString(dir.resolve(user + ".pw"), user + "-Pw-7731\n");
      csv.append("acct-")
          .append(user)
          .append(',')
          .append(user)
          .append(',')
          .append(user)
          .append(".pw\n");
    }
    provider = builder.start();
    accounts = Files.writeString(dir.resolve("accounts.csv"), csv);
    profile =
        Files.writeString(
            dir.resolve("demo.json"),
            JSON.writeValueAsString(
                Map.of(
                    "name", "demo",
                    "authorizationEndpoint", provider.authorizationEndpoint(),
                    "tokenEndpoint", provider.tokenEndpoint(),
                    "clientId", "mint-reuse",
                    "redirectUri", provider.redirectUris().iterator().next())));
  }

  @Test
  void oneAfterAnotherEachAccountLogsInAsItselfInOneBrowser() throws Exception {
    List<String> timelines = mint(MintPlan.BrowserUse.SHARED, 1);

    assertFalse(timelines.get(0).contains("reused"), timelines.get(0));
    assertOneBrowserServedAll(timelines);
    assertEachTokenNamesItsUser();
  }

  @Test
  void atTheSameTimeEachAccountLogsInAsItselfInOneBrowser() throws Exception {
    List<String> timelines = mint(MintPlan.BrowserUse.SHARED, 3);

    assertOneBrowserServedAll(timelines);
    assertEachTokenNamesItsUser();
  }

  @Test
  void aBrowserPerAccountWhenAsked() throws Exception {
    List<String> timelines = mint(MintPlan.BrowserUse.ONE_PER_ACCOUNT, 3);

    assertEquals(3, timelines.size(), timelines.toString());
    timelines.forEach(t -> assertFalse(t.contains("reused"), t));
    assertEachTokenNamesItsUser();
  }

  /** One launched browser, and a tab of it for each login. */
  private static void assertOneBrowserServedAll(List<String> timelines) {
    assertEquals(3, timelines.size(), timelines.toString());
    assertEquals(
        1, timelines.stream().filter(t -> !t.contains("(reused, ")).count(), timelines.toString());
    timelines.forEach(t -> assertTrue(t.contains("tab-released"), t));
  }

  /** Mints every account, {@code parallel} at once; returns each login's timeline. */
  private List<String> mint(MintPlan.BrowserUse browsers, int parallel) throws Exception {
    List<String> timelines = new CopyOnWriteArrayList<>();
    LoginHarness harness =
        LoginHarness.forProvider(profile.toString())
            .store(dir.resolve("store"))
            .listener(
                new LoginListener() {
                  @Override
                  public void loginFinished(LoginTimeline timeline) {
                    timelines.add(timeline.toLine());
                  }
                })
            .build();

    List<MintOutcome> outcomes = harness.planMint(accounts, parallel, browsers).run(o -> {});

    assertEquals(3, outcomes.size());
    outcomes.forEach(o -> assertTrue(o.ok(), o.toString()));
    return timelines;
  }

  private void assertEachTokenNamesItsUser() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (String user : USERS) {
      String token =
          JSON.readTree(dir.resolve("store/demo/acct-" + user + ".json").toFile())
              .path("access_token")
              .asText();
      HttpResponse<String> me =
          http.send(
              HttpRequest.newBuilder(URI.create(provider.userinfoEndpoint()))
                  .header("Authorization", "Bearer " + token)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(
          user, JSON.readTree(me.body()).path("sub").asText(), "the token of acct-" + user);
    }
    assertEquals(0, provider.rememberedSignInCount(), "a login saw an earlier login's session");
  }
}
