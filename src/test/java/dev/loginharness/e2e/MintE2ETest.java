package dev.loginharness.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loginharness.demo.DemoProvider;
import dev.loginharness.testing.Loopback;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code mint} as a user runs it: a separate JVM, the demo provider with several users, real
 * headless Chromium for each account, the real token store.
 */
@Tag("e2e")
class MintE2ETest extends DemoProviderE2E {
  private static final String[] PASSWORDS = {
    "a1-Pw-Heron-1187", "a2-Pw-Otter-2291", "a3-Pw-Lynx-3305", "a4-Pw-Crane-4419"
  };
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** The profile's name: its directory in the store. */
  private String storeName = "demo";

  /**
   * Against the generic demo provider, and against Pixiv's app login as Pixiv runs it (the built-in
   * pixiv profile, which must not expect its state back: docs/providers.md, "Pixiv").
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"demo", "pixiv"})
  void fourAccountsTwoAtATimeOneWrongPassword(String kind) throws Exception {
    Path profile = kind.equals("pixiv") ? pixivProfile() : profile();
    Path accounts =
        Files.writeString(
            dir.resolve("accounts.csv"),
            """
        account,username,password_env,password_file,totp_secret_env
        a1,a1,PW_A1,,
        a2,a2,PW_A2,,
        a3,a3,PW_WRONG,,
        a4,a4,PW_A4,,
        """);
    Map<String, String> env =
        new HashMap<>(
            Map.of(
                "PW_A1",
                PASSWORDS[0],
                "PW_A2",
                PASSWORDS[1],
                "PW_WRONG",
                "not-" + PASSWORDS[2],
                "PW_A4",
                PASSWORDS[3]));

    Cli.Run run =
        Cli.run(
            env,
            null,
            "mint",
            "--provider",
            profile.toString(),
            "--accounts",
            accounts.toString(),
            "--parallel",
            "2",
            "--store",
            dir.resolve("store").toString());

    assertEquals(3, run.exit(), run.err());
    List<JsonNode> lines = jsonLines(run.out());
    assertEquals(4, lines.size(), run.out());
    Map<String, JsonNode> byAccount =
        lines.stream().collect(Collectors.toMap(l -> l.path("account").asText(), l -> l));
    assertEquals(Set.of("a1", "a2", "a3", "a4"), byAccount.keySet());
    for (String ok : List.of("a1", "a2", "a4")) {
      JsonNode line = byAccount.get(ok);
      assertTrue(line.path("ok").asBoolean(), line.toString());
      assertTrue(line.path("error").isNull(), line.toString());
      assertTrue(
          Instant.parse(line.path("expires_at").asText()).isAfter(Instant.now()), line.toString());
      assertTrue(line.path("elapsed_ms").asLong() > 0, line.toString());
      assertEquals(List.of("account", "ok", "expires_at", "elapsed_ms", "error"), fieldNames(line));
    }
    JsonNode failed = byAccount.get("a3");
    assertFalse(failed.path("ok").asBoolean());
    assertTrue(failed.path("expires_at").isNull(), failed.toString());
    assertTrue(
        failed.path("error").asText().contains("Invalid username or password."), failed.toString());

    assertEquals(Set.of("a1.json", "a2.json", "a4.json"), stored());
    assertEquals(3, provider.redemptions().size());
    for (String ok : List.of("a1", "a2", "a4")) {
      TokenAssertions.belongsTo(
          provider.userinfoEndpoint(),
          JSON.readTree(dir.resolve("store").resolve(storeName).resolve(ok + ".json").toFile())
              .path("access_token")
              .asText(),
          ok);
    }
    List<String> secrets = new ArrayList<>(List.of(PASSWORDS));
    secrets.add("not-" + PASSWORDS[2]);
    secrets.addAll(storedTokens());
    for (String secret : secrets) {
      assertFalse(run.out().contains(secret), "a secret on stdout");
      assertFalse(run.err().contains(secret), "a secret on stderr");
    }
    List<String> err = run.err().lines().collect(Collectors.toList());
    assertTrue(
        err.get(err.size() - 1).startsWith("mint: 3 of 4 accounts ok, 1 failed (a3), "), run.err());
    for (String line : err.subList(0, err.size() - 1)) {
      assertTrue(line.matches("mint: \\d done, \\d failed, \\d remaining"), run.err());
    }
  }

  @Test
  void aJsonAccountsFileWithAPasswordFile() throws Exception {
    Path profile = profile();
    Files.writeString(dir.resolve("a2.pw"), PASSWORDS[1] + "\n");
    Path accounts =
        Files.writeString(
            dir.resolve("accounts.json"),
            """
          [
            {"account": "first", "username": "a1", "password_env": "PW_A1"},
            {"account": "second", "username": "a2", "password_file": "a2.pw", "totp_secret_env": null}
          ]
        """);

    Cli.Run run =
        Cli.run(
            Map.of("PW_A1", PASSWORDS[0]),
            null,
            "mint",
            "--provider",
            profile.toString(),
            "--accounts",
            accounts.toString(),
            "--store",
            dir.resolve("store").toString());

    assertEquals(0, run.exit(), run.err());
    List<JsonNode> lines = jsonLines(run.out());
    assertEquals(2, lines.size(), run.out());
    assertTrue(lines.stream().allMatch(l -> l.path("ok").asBoolean()), run.out());
    assertEquals(Set.of("first.json", "second.json"), stored());
    List<String> err = run.err().lines().collect(Collectors.toList());
    assertTrue(
        err.get(err.size() - 1).startsWith("mint: 2 of 2 accounts ok, 0 failed, "), run.err());
  }

  @Test
  void aMalformedAccountsFileStopsBeforeAnyBrowser() throws Exception {
    Path profile = profile();
    Path accounts =
        Files.writeString(
            dir.resolve("accounts.csv"),
            """
        account,username,password_env
        a1,a1,PW_A1
        a2,,PW_A2
        """);

    Cli.Run run =
        Cli.run(
            Map.of("PW_A1", PASSWORDS[0], "PW_A2", PASSWORDS[1]),
            null,
            "mint",
            "--provider",
            profile.toString(),
            "--accounts",
            accounts.toString(),
            "--store",
            dir.resolve("store").toString());

    assertEquals(2, run.exit(), run.err());
    assertEquals("", run.out());
    assertEquals("login-harness: " + accounts + " line 3: username is required", run.err().strip());
    assertEquals(0, provider.redemptions().size());
    assertFalse(Files.exists(dir.resolve("store/demo")));
  }

  /** The built-in pixiv profile pointed at a demo provider in Pixiv's app-login mode. */
  private Path pixivProfile() throws Exception {
    DemoProvider.Builder builder = PixivLike.provider();
    for (int i = 0; i < PASSWORDS.length; i++) {
      builder.user("a" + (i + 1), PASSWORDS[i]);
    }
    provider = builder.start();
    storeName = "pixiv";
    return PixivLike.profile(provider, dir.resolve("pixiv.json"), Map.of());
  }

  private Path profile() throws Exception {
    DemoProvider.Builder builder =
        DemoProvider.builder()
            .client("mint-e2e")
            .redirectUri("http://127.0.0.1:" + Loopback.freePort() + "/callback");
    for (int i = 0; i < PASSWORDS.length; i++) {
      builder.user("a" + (i + 1), PASSWORDS[i]);
    }
    provider = builder.start();
    return Files.writeString(
        dir.resolve("demo.json"),
        JSON.writeValueAsString(
            Map.of(
                "name", "demo",
                "authorizationEndpoint", provider.authorizationEndpoint(),
                "tokenEndpoint", provider.tokenEndpoint(),
                "clientId", "mint-e2e",
                "redirectUri", provider.redirectUris().iterator().next())));
  }

  private Set<String> stored() throws Exception {
    try (Stream<Path> files = Files.list(dir.resolve("store").resolve(storeName))) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".json"))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private List<String> storedTokens() throws Exception {
    List<String> tokens = new ArrayList<>();
    for (String name : stored()) {
      JsonNode file = JSON.readTree(dir.resolve("store").resolve(storeName).resolve(name).toFile());
      tokens.add(file.path("access_token").asText());
      if (file.hasNonNull("refresh_token")) {
        tokens.add(file.path("refresh_token").asText());
      }
    }
    return tokens;
  }

  private static List<JsonNode> jsonLines(String out) throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.strip().split("\n")) {
      lines.add(JSON.readTree(line));
    }
    return lines;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
