package dev.loginharness.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.loginharness.demo.DemoProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Two test runs, one after the other, each against a freshly started test provider — a suite's
 * usual set-up. The second provider is another server (another port) behind the same profile name:
 * the second run must get a token of its own, never the first run's, whether or not the runs share
 * a store. Each run is a nested JUnit engine over the fixture class below.
 */
@Tag("e2e")
class StoreAcrossRunsE2ETest {
  /** What the fixture's test saw: its token and whether the run's provider accepted it. */
  static final List<String> SEEN = new CopyOnWriteArrayList<>();

  static volatile String userinfo;

  @TempDir Path dir;
  private DemoProvider provider;

  @AfterEach
  void stop() {
    if (provider != null) {
      provider.close();
    }
    SEEN.clear();
  }

  @Test
  void withoutANamedStoreEachRunHasItsOwnAndLeavesNothing() throws Exception {
    List<Path> before = runStores();
    run(Optional.empty());
    run(Optional.empty());

    assertEquals(List.of("200", "200"), SEEN, "the provider of each run accepted its token");
    assertEquals(before, runStores(), "a run's own store is deleted when it ends");
  }

  /**
   * The bug as it was seen: a fixed store served the previous run's token, and the test got 401.
   */
  @Test
  void aNamedStoreDoesNotServeTheTokenOfAnotherServer() throws Exception {
    Path store = dir.resolve("store");
    run(Optional.of(store));
    run(Optional.of(store));

    assertEquals(List.of("200", "200"), SEEN);
  }

  private void run(Optional<Path> store) throws Exception {
    if (provider != null) {
      provider.close();
    }
    provider =
        DemoProvider.builder()
            .client("runs")
            .user("alice", "runs-Password-7")
            .redirectUri("http://127.0.0.1:9/callback")
            .start();
    userinfo = provider.userinfoEndpoint();
    Path profile =
        Files.writeString(
            dir.resolve("runs.json"),
            """
        {"name": "runs", "authorizationEndpoint": "%s", "tokenEndpoint": "%s",
         "clientId": "runs", "redirectUri": "http://127.0.0.1:9/callback"}
        """
                .formatted(provider.authorizationEndpoint(), provider.tokenEndpoint()));
    var kit =
        EngineTestKit.engine("junit-jupiter")
            .configurationParameter("loginharness.provider.runs", profile.toString())
            .configurationParameter("loginharness.runs.default.username-env", "LH_RUNS_USER")
            .configurationParameter("loginharness.runs.default.password-env", "LH_RUNS_PASS");
    store.ifPresent(s -> kit.configurationParameter("loginharness.store", s.toString()));
    System.setProperty("LH_RUNS_USER", "alice");
    System.setProperty("LH_RUNS_PASS", "runs-Password-7");
    try {
      kit.selectors(selectClass(UsesAToken.class))
          .execute()
          .testEvents()
          .assertStatistics(stats -> stats.succeeded(1).failed(0));
    } finally {
      System.clearProperty("LH_RUNS_USER");
      System.clearProperty("LH_RUNS_PASS");
    }
    assertEquals(1, provider.redemptions().size(), "one login at this run's provider");
  }

  private static List<Path> runStores() throws Exception {
    try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return files
          .filter(p -> p.getFileName().toString().startsWith("login-harness-junit-"))
          .sorted()
          .toList();
    }
  }

  @ExtendWith(LoginHarnessExtension.class)
  static class UsesAToken {
    @Test
    void callsTheApi(@HarnessToken(provider = "runs") String token) throws Exception {
      int status =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(userinfo))
                      .header("Authorization", "Bearer " + token)
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode();
      SEEN.add(Integer.toString(status));
      assertEquals(200, status);
    }
  }
}
