package dev.loginharness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loginharness.oauth.TokenSet;
import dev.loginharness.provider.ProfileLoader;
import dev.loginharness.provider.ProviderProfile;
import dev.loginharness.secret.Secret;
import dev.loginharness.store.StoredTokens;
import dev.loginharness.store.TokenOrigin;
import dev.loginharness.store.TokenStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code token} with a valid stored token must not pay for the machinery of a login: it runs before
 * every API call in users' scripts.
 */
class FastTokenTest {
  @TempDir Path store;

  /** Beside the store, not in it: a profile file is no entry. */
  @TempDir Path profiles;

  @ParameterizedTest(name = "--format {0}")
  @ValueSource(strings = {"token", "exec-credential", "token --issuer"})
  void cachedTokenLoadsNoSeleniumOkHttpPicocliOrDatabind(String variant) throws Exception {
    String format = variant.split(" ")[0];
    List<String> provider;
    if (variant.endsWith("--issuer")) {
      discovered(Instant.now());
      keep("127.0.0.1", "ci-1", Instant.now().plusSeconds(3600), Optional.of(ISSUER_ORIGIN));
      provider = List.of("--issuer", ISSUER, "--client-id", "app", "--redirect-uri", REDIRECT);
    } else {
      keep("pixiv", "ci-1", Instant.now().plusSeconds(3600));
      provider = List.of("--provider", "pixiv");
    }

    List<String> command =
        new ArrayList<>(
            List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xlog:class+load=info",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.loginharness.cli.Launcher",
                "token"));
    command.addAll(provider);
    command.addAll(List.of("--account", "ci-1", "--store", store.toString(), "--format", format));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));

    assertEquals(0, process.exitValue(), output);
    assertTrue(
        output
            .lines()
            .anyMatch(
                format.equals("token")
                    ? "the-access-token"::equals
                    : l -> l.startsWith("{\"apiVersion\"") && l.contains("the-access-token")),
        output);
    List<String> heavy =
        output
            .lines()
            .filter(
                l ->
                    l.contains("okhttp3.")
                        || l.contains("org.openqa.selenium")
                        || l.contains("picocli.")
                        || l.contains("jackson.databind")
                        || l.contains("kotlin."))
            .collect(Collectors.toList());
    assertEquals(List.of(), heavy);
    // Proof that the log does list what is loaded, so the empty list above means something.
    assertTrue(output.contains("dev.loginharness.store.CachedToken"), "class loading not logged");
    if (variant.endsWith("--issuer")) {
      assertTrue(output.contains("dev.loginharness.store.DiscoveryCache"), "cache not read");
    }
  }

  @Test
  void printsAHeaderWhenAsked() throws Exception {
    keep("pixiv", "default", Instant.now().plusSeconds(3600));
    var out = new java.io.ByteArrayOutputStream();
    var previous = System.out;
    System.setOut(new java.io.PrintStream(out, true));
    try {
      assertEquals(
          0,
          FastToken.serve(
              new String[] {
                "token", "--provider=pixiv", "--store", store.toString(), "--format", "header"
              },
              Map.of()));
    } finally {
      System.setOut(previous);
    }
    assertEquals("Authorization: Bearer the-access-token", out.toString().strip());
  }

  /**
   * What kubectl reads from a kubeconfig exec plugin: the same ExecCredential from the fast path
   * and the full command, with only the fields client.authentication.k8s.io/v1 defines.
   */
  @Test
  void execCredentialIsWhatKubectlReadsOnBothPaths() throws Exception {
    Instant expiry = Instant.parse("2099-05-01T11:00:00.250Z");
    keep("pixiv", "default", expiry);
    String[] args = {
      "token", "--provider", "pixiv", "--store", store.toString(), "--format", "exec-credential"
    };
    var out = new java.io.ByteArrayOutputStream();
    var previous = System.out;
    System.setOut(new java.io.PrintStream(out, true));
    try {
      assertEquals(0, FastToken.serve(args, Map.of()));
    } finally {
      System.setOut(previous);
    }
    Full full = full(args);

    assertEquals(0, full.exit(), full.err());
    assertEquals(out.toString(), full.out().replace(System.lineSeparator(), "\n"));
    assertEquals(1, full.out().lines().count(), full.out());
    JsonNode credential = new ObjectMapper().readTree(full.out());
    assertEquals("client.authentication.k8s.io/v1", credential.get("apiVersion").asText());
    assertEquals("ExecCredential", credential.get("kind").asText());
    assertEquals(List.of("apiVersion", "kind", "status"), fields(credential));
    JsonNode status = credential.get("status");
    assertEquals(List.of("token", "expirationTimestamp"), fields(status));
    assertEquals("the-access-token", status.get("token").asText());
    // RFC 3339 as Go's time.RFC3339 parses it; rounded down to the second, never later.
    OffsetDateTime expires =
        OffsetDateTime.parse(
            status.get("expirationTimestamp").asText(), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    assertEquals(Instant.parse("2099-05-01T11:00:00Z"), expires.toInstant());
  }

  @Test
  void jsonCompactIsTheJsonOnOneLine() throws Exception {
    keep("pixiv", "default", Instant.now().plusSeconds(3600));

    Full compact =
        full(
            "token",
            "--provider",
            "pixiv",
            "--store",
            store.toString(),
            "--format",
            "json-compact");
    Full pretty =
        full("token", "--provider", "pixiv", "--store", store.toString(), "--format", "json");

    assertEquals(0, compact.exit(), compact.err());
    assertEquals(1, compact.out().lines().count(), compact.out());
    assertTrue(pretty.out().lines().count() > 3, pretty.out());
    ObjectMapper mapper = new ObjectMapper();
    assertEquals(mapper.readTree(pretty.out()), mapper.readTree(compact.out()));
  }

  @Test
  void anUnknownFormatNamesEveryFormat() {
    Full run =
        full("token", "--provider", "pixiv", "--store", store.toString(), "--format", "yaml");

    assertEquals(2, run.exit());
    assertEquals(
        "login-harness: --format must be one of json, json-compact, exec-credential, env, token,"
            + " header, not 'yaml'",
        run.err().strip());
  }

  private static List<String> fields(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void servesAProfileFileThatOnlyExtendsABuiltIn() throws Exception {
    keep("pixiv", "default", Instant.now().plusSeconds(3600));
    Path profile = Files.writeString(store.resolve("mine.json"), "{\"extends\": \"pixiv\"}");

    assertEquals(0, serve("token", "--provider", profile.toString(), "--store", store.toString()));
  }

  /** The store is keyed by name; a profile of that name that points elsewhere gets nothing here. */
  @ParameterizedTest(name = "not served: {0}")
  @ValueSource(strings = {"another-token-endpoint", "another-client", "unbound"})
  void neverServesTokensOfAnotherServerOrClient(String situation) throws Exception {
    if (situation.equals("unbound")) {
      keep("pixiv", "default", Instant.now().plusSeconds(3600), Optional.empty());
    } else {
      keep("pixiv", "default", Instant.now().plusSeconds(3600));
    }
    String field =
        switch (situation) {
          case "another-token-endpoint" -> "\"tokenEndpoint\": \"http://127.0.0.1:9/token\"";
          case "another-client" -> "\"clientId\": \"someone-else\"";
          default -> "\"scopes\": []";
        };
    Path profile =
        Files.writeString(store.resolve("mine.json"), "{\"extends\": \"pixiv\", " + field + "}");

    assertEquals(-1, serve("token", "--provider", profile.toString(), "--store", store.toString()));
  }

  /** What the full command then says, for each of the lifecycle commands that read the store. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"token", "refresh", "check", "revoke"})
  void theFullCommandRefusesTokensOfAnotherServerWithExit3(String command) throws Exception {
    keep("pixiv", "default", Instant.now().plusSeconds(3600));
    Path profile =
        Files.writeString(
            store.resolve("staging.json"),
            "{\"extends\": \"pixiv\", \"tokenEndpoint\": \"http://127.0.0.1:9/token\","
                + " \"checkEndpoint\": \"http://127.0.0.1:9/check\","
                + " \"revocationEndpoint\": \"http://127.0.0.1:9/revoke\"}");

    Full run = full(command, "--provider", profile.toString(), "--store", store.toString());

    assertEquals(3, run.exit(), run.err());
    assertEquals("", run.out());
    assertTrue(run.err().contains("were issued by another server or client"), run.err());
    assertTrue(Files.exists(store.resolve("pixiv/default.json")), "the entry was deleted");
  }

  /**
   * Issue 16, row 5: a token file others can read is neither printed by the fast path nor by the
   * full command, which says how to fix it (exit 2), for every command that reads the store.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"token", "refresh", "revoke"}) // pixiv has no check endpoint
  void aTokenFileOthersCanReadIsRefusedWithExit2(String command) throws Exception {
    keep("pixiv", "default", Instant.now().plusSeconds(3600));
    Path file = store.resolve("pixiv/default.json");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    assertEquals(-1, serve("token", "--provider", "pixiv", "--store", store.toString()));
    Full run = full(command, "--provider", "pixiv", "--store", store.toString());

    assertEquals(2, run.exit(), run.err());
    assertEquals("", run.out());
    assertTrue(
        run.err().contains("can be read by others (mode 0644)")
            && run.err().contains("fix with: chmod 600 " + file),
        run.err());
    assertFalse(run.err().contains("the-access-token"), run.err());
    assertTrue(Files.exists(file), "the entry was deleted");
  }

  /** The full command reports a broken profile properly; the fast path must not trip over it. */
  @ParameterizedTest(name = "falls through: {0}")
  @ValueSource(
      strings = {"", "not json", "[1, 2]", "{\"extends\": 7}", "{\"extends\": \"no-such\"}"})
  void anUnreadableProfileFileFallsThrough(String content) throws Exception {
    keep("pixiv", "default", Instant.now().plusSeconds(3600));
    Path profile = Files.writeString(store.resolve("broken.json"), content);

    assertEquals(-1, serve("token", "--provider", profile.toString(), "--store", store.toString()));
  }

  @ParameterizedTest(name = "falls through: {0}")
  @ValueSource(
      strings = {
        "expiring",
        "unknown-flag",
        "json-format",
        "no-store",
        "no-such-account",
        "bad-account-name"
      })
  void leavesEverythingUnusualToTheFullCommand(String situation) throws Exception {
    keep("pixiv", "default", Instant.now().plusSeconds(situation.equals("expiring") ? 30 : 3600));
    String[] args =
        switch (situation) {
          case "unknown-flag" ->
              new String[] {
                "token", "--provider", "pixiv", "--store", store.toString(), "--issuer", "x"
              };
          case "json-format" ->
              new String[] {
                "token", "--provider", "pixiv", "--store", store.toString(), "--format", "json"
              };
          case "no-store" -> new String[] {"token", "--provider", "pixiv", "--store", "none"};
          case "no-such-account" ->
              new String[] {
                "token", "--provider", "pixiv", "--store", store.toString(), "--account", "other"
              };
          case "bad-account-name" ->
              new String[] {
                "token", "--provider", "pixiv", "--store", store.toString(), "--account", "../x"
              };
          default -> new String[] {"token", "--provider", "pixiv", "--store", store.toString()};
        };
    assertEquals(-1, FastToken.serve(args, Map.of()));
  }

  /** An issuer nothing listens at: what the tests know of it comes from the discovery cache. */
  private static final String ISSUER = "http://127.0.0.1:9/realms/test";

  private static final String REDIRECT = "http://127.0.0.1:9/cb";
  private static final TokenOrigin ISSUER_ORIGIN =
      new TokenOrigin(java.net.URI.create(ISSUER + "/token"), "app");

  /** The ways a script names a provider to {@code token}. */
  enum Way {
    BUILT_IN,
    PROFILE_FILE,
    PROFILE_EXTENDING_A_BUILT_IN,
    CLIENT_ID_ON_A_BUILT_IN,
    ISSUER_IN_A_PROFILE_FILE,
    ISSUER_AND_CLIENT_ID_FLAGS,
    ISSUER_FLAG_ON_A_BUILT_IN_WITH_ENDPOINTS
  }

  /** The arguments after {@code token} (without --store) and the store name they resolve to. */
  private record Naming(List<String> args, String name) {}

  private Naming naming(Way way) throws Exception {
    return switch (way) {
      case BUILT_IN -> new Naming(List.of("--provider", "pixiv"), "pixiv");
      case PROFILE_FILE ->
          new Naming(
              List.of(
                  "--provider",
                  profile(
                          "own.json",
                          "{\"authorizationEndpoint\": \"http://127.0.0.1:9/a\","
                              + " \"tokenEndpoint\": \"http://127.0.0.1:9/t\","
                              + " \"clientId\": \"own\", \"redirectUri\": \""
                              + REDIRECT
                              + "\"}")
                      .toString()),
              "own");
      case PROFILE_EXTENDING_A_BUILT_IN ->
          new Naming(
              List.of("--provider", profile("mine.json", "{\"extends\": \"pixiv\"}").toString()),
              "pixiv");
      case CLIENT_ID_ON_A_BUILT_IN ->
          new Naming(
              List.of(
                  "--provider",
                  "deviantart",
                  "--client-id",
                  "1234",
                  "--redirect-uri",
                  REDIRECT,
                  "--client-secret-env",
                  "DA_SECRET"),
              "deviantart");
      case ISSUER_IN_A_PROFILE_FILE ->
          new Naming(
              List.of(
                  "--provider",
                  profile(
                          "oidc.json",
                          "{\"issuer\": \""
                              + ISSUER
                              + "/\", \"clientId\": \"app\", \"redirectUri\": \""
                              + REDIRECT
                              + "\", \"scopes\": [\"openid\"]}")
                      .toString()),
              "oidc");
      case ISSUER_AND_CLIENT_ID_FLAGS ->
          new Naming(
              List.of(
                  "--issuer",
                  ISSUER,
                  "--client-id",
                  "app",
                  "--redirect-uri",
                  REDIRECT,
                  "--scope",
                  "openid"),
              "127.0.0.1");
      // deviantart names both endpoints: the issuer is not asked, the endpoint stays.
      case ISSUER_FLAG_ON_A_BUILT_IN_WITH_ENDPOINTS ->
          new Naming(
              List.of(
                  "--provider",
                  "deviantart",
                  "--issuer",
                  ISSUER,
                  "--client-id",
                  "app",
                  "--redirect-uri",
                  REDIRECT),
              "deviantart");
    };
  }

  private Path profile(String file, String json) throws Exception {
    return Files.writeString(profiles.resolve(file), json);
  }

  private String[] tokenArgs(Naming naming, String... more) {
    List<String> args = new ArrayList<>(List.of("token"));
    args.addAll(naming.args());
    args.addAll(List.of("--store", store.toString()));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  /**
   * Keeps the issuer's discovery document as a login by discovery would have, fetched at {@code
   * at}.
   */
  private Path discovered(Instant at) throws Exception {
    var cache = dev.loginharness.store.DiscoveryCache.in(store);
    cache.write(
        new dev.loginharness.store.DiscoveryCache.Document(
            ISSUER,
            java.net.URI.create(ISSUER + "/authorize"),
            ISSUER_ORIGIN.tokenEndpoint(),
            Optional.empty(),
            Optional.empty(),
            at));
    return cache.pathOf(ISSUER);
  }

  /**
   * The test that fails when the two paths drift apart: for each way of naming a provider, the
   * entry the fast path serves is the one the full command serves — same store name (the name the
   * full command's harness reports), same server and client (the full command refuses an entry from
   * any other with exit 3) — and the fast path does serve it.
   */
  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.EnumSource(Way.class)
  void theFastPathServesWhatTheFullCommandServesForEveryWayOfNamingAProvider(Way way)
      throws Exception {
    discovered(Instant.now());
    Naming naming = naming(way);
    String[] args = tokenArgs(naming);
    Optional<FastToken.Target> target =
        FastToken.target(FastToken.Request.parse(args).orElseThrow(), Map.of(), Instant.now());
    assertTrue(target.isPresent(), "falls through");
    assertEquals(naming.name(), target.get().name());
    assertEquals(fullCommandsName(args), target.get().name());
    assertEquals(store.resolve(naming.name()).resolve("default.json"), target.get().file());
    keep(
        target.get().name(),
        "default",
        Instant.now().plusSeconds(3600),
        Optional.of(target.get().origin()));

    assertEquals(0, serve(args));
    Full full = full(args);
    assertEquals(0, full.exit(), full.err());
    assertEquals("the-access-token", full.out().strip());
  }

  /** An entry from another server or client: neither path serves it, whichever way it is named. */
  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.EnumSource(Way.class)
  void neitherPathServesAnEntryOfAnotherServerOrClient(Way way) throws Exception {
    discovered(Instant.now());
    Naming naming = naming(way);
    String[] args = tokenArgs(naming);
    FastToken.Target target =
        FastToken.target(FastToken.Request.parse(args).orElseThrow(), Map.of(), Instant.now())
            .orElseThrow();
    TokenOrigin right = target.origin();
    for (TokenOrigin other :
        List.of(
            new TokenOrigin(java.net.URI.create("http://127.0.0.1:9/elsewhere"), right.clientId()),
            new TokenOrigin(right.tokenEndpoint(), "someone-else"))) {
      keep(target.name(), "default", Instant.now().plusSeconds(3600), Optional.of(other));

      assertEquals(-1, serve(args), other.describe());
      Full full = full(args);
      assertEquals(3, full.exit(), full.err());
      assertTrue(full.err().contains("were issued by another server or client"), full.err());
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"stale", "none", "another issuer's"})
  void withoutAFreshDiscoveryDocumentAnIssuerFallsThrough(String document) throws Exception {
    Path file = discovered(Instant.now().minus(java.time.Duration.ofHours(25)));
    if (document.equals("none")) {
      Files.delete(file);
    } else if (document.startsWith("another")) {
      discovered(Instant.now());
      Files.writeString(file, Files.readString(file).replace(ISSUER, ISSUER + "x"));
    }
    // The full command asks the issuer (nothing listens there), never the old document.
    Full full = issuerTokenPastTheFastPath();
    assertEquals(2, full.exit(), full.err());
    assertTrue(full.err().contains("OIDC discovery " + ISSUER), full.err());
  }

  /** The document says where refresh tokens go: a file others could change is refused. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"rw-r--r--", "rw-rw----"})
  void aDiscoveryDocumentOthersCanReadOrWriteIsRefusedWithExit2(String mode) throws Exception {
    Path file = discovered(Instant.now());
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    Full full = issuerTokenPastTheFastPath();
    assertEquals(2, full.exit(), full.err());
    assertEquals("", full.out());
    assertTrue(
        full.err().contains("can be read by others") && full.err().contains("chmod 600 " + file),
        full.err());
  }

  @Test
  void aDiscoveryDirectoryOthersCanWriteIsRefusedWithExit2() throws Exception {
    Path dir = discovered(Instant.now()).getParent();
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    Full full = issuerTokenPastTheFastPath();
    assertEquals(2, full.exit(), full.err());
    assertTrue(full.err().contains("fix with: chmod 700 " + dir), full.err());
  }

  /**
   * A token endpoint from a cached document that does not answer (it moved): the refresh fails, and
   * the document is dropped so that the next call asks the issuer.
   */
  @Test
  void aTokenEndpointThatDoesNotAnswerDropsTheCachedDocument() throws Exception {
    Path file = discovered(Instant.now());
    Naming naming = naming(Way.ISSUER_AND_CLIENT_ID_FLAGS);
    keep("127.0.0.1", "default", Instant.now().plusSeconds(30), Optional.of(ISSUER_ORIGIN));

    Full full = full(tokenArgs(naming));

    assertTrue(full.exit() != 0, full.err());
    assertFalse(Files.exists(file), "the document was kept");
    assertTrue(full.err().contains("cached discovery document"), full.err());
  }

  /**
   * Against a real issuer, each command in a JVM of its own as a script runs it: the first call
   * discovers and keeps the document; with the issuer gone, {@code token --issuer … --client-id …}
   * is still answered (no network), on the fast path; the document holds no secret.
   */
  @Test
  void anIssuerDiscoveredOnceAnswersTokenWithTheIssuerDown() throws Exception {
    String secret = "cache-Secret-41";
    dev.loginharness.demo.DemoProvider provider =
        dev.loginharness.demo.DemoProvider.builder()
            .client("oidc-cli")
            .clientSecret(secret)
            .redirectUri(REDIRECT)
            .user("alice", "cache-Password-41")
            .start();
    String[] flags = {
      "--issuer",
      provider.issuer(),
      "--client-id",
      "oidc-cli",
      "--client-secret-env",
      "LH_CLIENT_SECRET",
      "--redirect-uri",
      REDIRECT,
      "--store",
      store.toString()
    };
    Map<String, String> env = Map.of("LH_CLIENT_SECRET", secret);
    String token;
    try {
      dev.loginharness.e2e.Cli.Run grant =
          dev.loginharness.e2e.Cli.run(
              env, null, concat(new String[] {"client-credentials", "--format", "token"}, flags));
      assertEquals(0, grant.exit(), grant.err());
      token = grant.out().strip();
    } finally {
      provider.close();
    }
    Path document = dev.loginharness.store.DiscoveryCache.in(store).pathOf(provider.issuer());
    assertEquals(
        PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(document));
    String kept = Files.readString(document);
    assertTrue(kept.contains(provider.tokenEndpoint()), kept);
    assertFalse(kept.contains(secret) || kept.contains(token), kept);

    dev.loginharness.e2e.Cli.Run cached =
        dev.loginharness.e2e.Cli.run(Map.of(), null, concat(new String[] {"token"}, flags));
    assertEquals(0, cached.exit(), cached.err());
    assertEquals(token, cached.out().strip());
    assertEquals(0, serve(concat(new String[] {"token"}, flags)));
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  /**
   * What the full command refuses (exit 2) before it reads the store, the fast path leaves to it;
   * the first case, refused by neither, shows the rest would be served otherwise.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "(as it is)",
        "--redirect-uri javascript:alert(1)",
        "--redirect-uri no-scheme",
        "--issuer ftp://127.0.0.1:9/realms/test",
        "--client-id  ",
        "--min-valid -1",
        "--account default --account default"
      })
  void aRequestTheFullCommandRefusesFallsThrough(String change) throws Exception {
    discovered(Instant.now());
    keep("127.0.0.1", "default", Instant.now().plusSeconds(3600), Optional.of(ISSUER_ORIGIN));
    Map<String, String> flags = new java.util.LinkedHashMap<>();
    flags.put("--issuer", ISSUER);
    flags.put("--client-id", "app");
    flags.put("--redirect-uri", REDIRECT);
    List<String> extra = new ArrayList<>();
    if (change.startsWith("--account") || change.startsWith("--min-valid")) {
      extra.addAll(List.of(change.split(" ")));
    } else if (change.startsWith("--")) {
      String[] flag = change.split(" ", 2);
      flags.put(flag[0], flag[1]);
    }
    List<String> args = new ArrayList<>(List.of("token", "--store", store.toString()));
    flags.forEach((flag, value) -> args.addAll(List.of(flag, value)));
    args.addAll(extra);
    String[] all = args.toArray(String[]::new);

    if (change.equals("(as it is)")) {
      assertEquals(0, serve(all));
    } else {
      assertEquals(-1, serve(all));
      Full full = full(all);
      assertEquals(2, full.exit(), full.err());
    }
  }

  /** The store name the full command's harness resolves for {@code args}. */
  private static String fullCommandsName(String[] args) throws Exception {
    picocli.CommandLine.ParseResult parsed = new picocli.CommandLine(new Main()).parseArgs(args);
    TokenCommand command = (TokenCommand) parsed.subcommand().commandSpec().userObject();
    return command
        .provider
        .harness(new java.io.PrintWriter(java.io.Writer.nullWriter()))
        .build()
        .provider();
  }

  private record Full(int exit, String out, String err) {}

  /**
   * A token valid for an hour, stored for the issuer; {@code token --issuer … --client-id …} must
   * not be answered on the fast path, and the full command's run is returned.
   */
  private Full issuerTokenPastTheFastPath() throws Exception {
    Naming naming = naming(Way.ISSUER_AND_CLIENT_ID_FLAGS);
    keep("127.0.0.1", "default", Instant.now().plusSeconds(3600), Optional.of(ISSUER_ORIGIN));
    assertEquals(-1, serve(tokenArgs(naming)));
    return full(tokenArgs(naming));
  }

  /** The full command, in this JVM, with its output kept. */
  private static Full full(String... args) {
    var out = new java.io.StringWriter();
    var err = new java.io.StringWriter();
    int exit = Main.run(new java.io.PrintWriter(out), new java.io.PrintWriter(err), args);
    return new Full(exit, out.toString(), err.toString());
  }

  /** Prints nothing: stdout is swapped out while it runs. */
  private static int serve(String... args) {
    var previous = System.out;
    System.setOut(new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true));
    try {
      return FastToken.serve(args, Map.of());
    } finally {
      System.setOut(previous);
    }
  }

  /** Stores a token as a login with the built-in profile of that name would have. */
  private void keep(String provider, String account, Instant expiresAt) throws Exception {
    ProviderProfile profile = ProfileLoader.load(provider);
    keep(
        provider,
        account,
        expiresAt,
        Optional.of(new TokenOrigin(profile.tokenEndpoint(), profile.clientId())));
  }

  private void keep(
      String provider, String account, Instant expiresAt, Optional<TokenOrigin> origin) {
    try {
      TokenSet tokens =
          new TokenSet(
              Secret.of("the-access-token"),
              "Bearer",
              Optional.of(3600L),
              Optional.of(expiresAt),
              Optional.of(Secret.of("the-refresh-token")),
              Optional.empty(),
              Map.of());
      TokenStore.at(store)
          .write(
              provider,
              account,
              // Obtained an hour before it expires, as its expires_in says.
              new StoredTokens(tokens, provider, account, expiresAt.minusSeconds(3600), origin));
      assertTrue(Files.exists(store.resolve(provider).resolve(account + ".json")));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
