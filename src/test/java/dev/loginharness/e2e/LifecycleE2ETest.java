package dev.loginharness.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loginharness.demo.DemoProvider;
import dev.loginharness.testing.Loopback;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The token lifecycle from the command line, for each kind of provider: the built-in pixiv and
 * deviantart profiles pointed at the demo provider with {@code extends}, and a generic OIDC
 * provider found by discovery. login → token (cached) → token (refreshed) → check → revoke.
 */
@Tag("e2e")
class LifecycleE2ETest extends DemoProviderE2E {
  private static final String PASSWORD = "lifecycle-Password-99";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void pixivThroughItsAppHopWithTheAppsUserAgent() throws Exception {
    Path profile = pixiv(Map.of());

    JsonNode login =
        json(
            cli(
                "login",
                "--provider",
                profile.toString(),
                "--username",
                "alice",
                "--password-env",
                "LH_PASS"));
    String first = login.path("access_token").asText();
    assertStored("pixiv", first);

    assertEquals(first, cli("token", "--provider", profile.toString()).strip());
    assertEquals(0, provider.refreshRequestCount(), "a valid token must come from the store");

    // (`token --min-valid` longer than the token's hour no longer forces a refresh: docs/cli.md.)
    String refreshed =
        cli("refresh", "--provider", profile.toString(), "--format", "token").strip();
    assertNotEquals(first, refreshed);
    assertEquals(1, provider.refreshRequestCount());
    assertStored("pixiv", refreshed);

    Cli.Run revoke = Cli.run(env(), null, "revoke", "--provider", profile.toString());
    assertEquals(0, revoke.exit(), revoke.err());
    assertTrue(revoke.err().contains("no revocation endpoint"), revoke.err());
    assertFalse(Files.exists(dir.resolve("store/pixiv/default.json")));
    assertEquals(3, Cli.run(env(), null, "token", "--provider", profile.toString()).exit());
  }

  @Test
  void pixivWithoutItsUserAgentGetsTheHtml403Readably() throws Exception {
    Path profile = pixiv(Map.of("headers", Map.of("User-Agent", "curl/8")));

    Cli.Run run =
        Cli.run(
            env(),
            null,
            "login",
            "--provider",
            profile.toString(),
            "--username",
            "alice",
            "--password-env",
            "LH_PASS");

    assertEquals(4, run.exit(), run.err());
    assertTrue(run.err().contains("HTTP 403") && run.err().contains("Forbidden"), run.err());
    assertFalse(run.err().contains("<"), "HTML reached the message: " + run.err());
  }

  @Test
  void deviantArtWithBasicAuthPlaceboRotationAndRevoke() throws Exception {
    provider =
        DemoProvider.builder()
            .client("12345")
            .clientSecret("da-secret-Value-42")
            .redirectUri("http://127.0.0.1:" + Loopback.freePort() + "/callback")
            .deviantArtStyle(true)
            .consentPage(true)
            .user("alice", PASSWORD)
            .start();
    String redirect = provider.redirectUris().iterator().next();
    Path profile =
        profile(
            Map.of(
                "extends",
                "deviantart",
                "clientId",
                "12345",
                "clientAuth",
                "basic",
                "redirectUri",
                redirect,
                "authorizationEndpoint",
                provider.authorizationEndpoint(),
                "tokenEndpoint",
                provider.tokenEndpoint(),
                "revocationEndpoint",
                provider.revocationEndpoint(),
                "checkEndpoint",
                provider.placeboEndpoint()));

    JsonNode login =
        json(
            cli(
                "login",
                "--provider",
                profile.toString(),
                "--username",
                "alice",
                "--password-env",
                "LH_PASS"));
    String refresh = login.path("refresh_token").asText();
    assertEquals("success", login.path("status").asText());

    assertEquals(0, Cli.run(env(), null, "check", "--provider", profile.toString()).exit());
    String header = cli("refresh", "--provider", profile.toString(), "--format", "header").strip();
    assertTrue(header.startsWith("Authorization: Bearer "), header);
    JsonNode stored = JSON.readTree(dir.resolve("store/deviantart/default.json").toFile());
    assertNotEquals(
        refresh, stored.path("refresh_token").asText(), "the rotated refresh token was not stored");
    assertEquals(200, placebo(header.substring("Authorization: Bearer ".length())));

    String current = header.substring("Authorization: Bearer ".length());
    Cli.Run revoke = Cli.run(env(), null, "revoke", "--provider", profile.toString());
    assertEquals(0, revoke.exit(), revoke.err());
    assertEquals(2, provider.revokeRequestCount());
    assertEquals(401, placebo(current), "revoked token still accepted");
    Cli.Run check = Cli.run(env(), null, "check", "--provider", profile.toString());
    assertNotEquals(0, check.exit());
  }

  /**
   * A legacy DeviantArt client (implicit grant, docs/providers.md, "DeviantArt") on top of the
   * built-in profile, whose clientSecretEnv nothing will use: no token-endpoint call, no secret.
   */
  @Test
  void deviantArtImplicitClientNeedsNoSecret() throws Exception {
    provider =
        DemoProvider.builder()
            .client("12345")
            .clientSecret("da-secret-Value-42")
            .redirectUri("http://127.0.0.1:" + Loopback.freePort() + "/callback")
            .deviantArtStyle(true)
            .allowImplicit(true)
            .user("alice", PASSWORD)
            .start();
    Path profile =
        profile(
            Map.of(
                "extends",
                "deviantart",
                "clientId",
                "12345",
                "responseType",
                "token",
                "redirectUri",
                provider.redirectUris().iterator().next(),
                "authorizationEndpoint",
                provider.authorizationEndpoint(),
                "tokenEndpoint",
                provider.tokenEndpoint()));
    Map<String, String> noSecret = new java.util.HashMap<>(env());
    noSecret.remove("DEVIANTART_CLIENT_SECRET");

    Cli.Run login =
        Cli.run(
            noSecret,
            null,
            "login",
            "--provider",
            profile.toString(),
            "--username",
            "alice",
            "--password-env",
            "LH_PASS");

    assertEquals(0, login.exit(), login.err());
    assertEquals(200, placebo(JSON.readTree(login.out()).path("access_token").asText()));
    assertEquals(0, provider.tokenRequestCount());
    // The secret is still asked for where it is sent: the client credentials grant.
    Cli.Run grant = Cli.run(noSecret, null, "client-credentials", "--provider", profile.toString());
    assertEquals(2, grant.exit(), grant.err());
    assertTrue(grant.err().contains("DEVIANTART_CLIENT_SECRET is not set"), grant.err());
  }

  @Test
  void genericOidcByDiscoveryWithClientCredentialsToo() throws Exception {
    provider =
        DemoProvider.builder()
            .client("oidc-cli")
            .clientSecret("oidc-Secret-77")
            .redirectUri("http://127.0.0.1:" + Loopback.freePort() + "/cb")
            .user("alice", PASSWORD)
            .start();
    String redirect = provider.redirectUris().iterator().next();
    String[] flags = {
      "--issuer",
      provider.issuer(),
      "--client-id",
      "oidc-cli",
      "--client-secret-env",
      "LH_CLIENT_SECRET",
      "--redirect-uri",
      redirect,
      "--scope",
      "openid"
    };

    JsonNode login =
        json(
            cli(
                concat(
                    new String[] {"login", "--username", "alice", "--password-env", "LH_PASS"},
                    flags)));
    TokenAssertions.belongsTo(
        provider.userinfoEndpoint(), login.path("access_token").asText(), "alice");
    assertEquals(0, Cli.run(env(), null, concat(new String[] {"check"}, flags)).exit());
    String refreshed = cli(concat(new String[] {"refresh", "--format", "token"}, flags)).strip();
    assertNotEquals(login.path("access_token").asText(), refreshed);

    assertEquals(0, Cli.run(env(), null, concat(new String[] {"revoke"}, flags)).exit());
    assertEquals(2, provider.revokeRequestCount());

    JsonNode machine =
        json(cli(concat(new String[] {"client-credentials", "--account", "machine"}, flags)));
    assertFalse(machine.has("refresh_token"));
    assertTrue(Files.exists(dir.resolve("store/127.0.0.1/machine.json")));
  }

  @Test
  void twentyConcurrentTokenCallsCauseOneRefresh() throws Exception {
    provider =
        DemoProvider.builder()
            .client("conc")
            .user("alice", PASSWORD)
            .redirectUri("http://127.0.0.1:" + Loopback.freePort() + "/cb")
            .start();
    Path profile =
        profile(
            Map.of(
                "name",
                "conc",
                "authorizationEndpoint",
                provider.authorizationEndpoint(),
                "tokenEndpoint",
                provider.tokenEndpoint(),
                "clientId",
                "conc",
                "redirectUri",
                provider.redirectUris().iterator().next()));
    cli(
        "login",
        "--provider",
        profile.toString(),
        "--username",
        "alice",
        "--password-env",
        "LH_PASS");
    // Make the stored token about to expire; the refresh token (which rotates) is still good.
    Path file = dir.resolve("store/conc/default.json");
    ObjectNode stored = (ObjectNode) JSON.readTree(file.toFile());
    stored.put("expires_at", Instant.now().minusSeconds(5).toString());
    Files.writeString(file, stored.toString());

    List<Process> calls = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      calls.add(Cli.start(env(), "token", "--provider", profile.toString()));
    }
    Set<String> tokens = new HashSet<>();
    for (Process call : calls) {
      Cli.Run run = Cli.finish(call);
      assertEquals(0, run.exit(), run.err());
      tokens.add(run.out().strip());
    }

    assertEquals(1, provider.refreshRequestCount(), "refresh requests that reached the provider");
    assertEquals(1, tokens.size(), "every call printed the one refreshed token");
    assertEquals(200, placeboOrUserinfo(tokens.iterator().next()));
  }

  /**
   * A demo provider that behaves as Pixiv's does where it matters (docs/providers.md, "Pixiv") —
   * its app login that takes no state and gives back one of its own, the sign-in page on another
   * host, the https hop to pixiv://, an HTML 403 without the app's User-Agent — and the built-in
   * pixiv profile pointed at it with {@code extends}, plus {@code overrides}.
   */
  private Path pixiv(Map<String, Object> overrides) throws Exception {
    provider = PixivLike.provider().user("alice", PASSWORD).start();
    return PixivLike.profile(
        provider, dir.resolve("pixiv-" + overrides.hashCode() + ".json"), overrides);
  }

  private int placebo(String token) throws Exception {
    return get(provider.placeboEndpoint(), token);
  }

  private int placeboOrUserinfo(String token) throws Exception {
    return get(provider.userinfoEndpoint(), token);
  }

  private static int get(String url, String token) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private void assertStored(String provider, String accessToken) throws Exception {
    JsonNode stored =
        JSON.readTree(dir.resolve("store").resolve(provider).resolve("default.json").toFile());
    assertEquals(accessToken, stored.path("access_token").asText());
  }

  private Path profile(Map<String, Object> fields) throws Exception {
    return Files.writeString(
        dir.resolve("profile-" + fields.hashCode() + ".json"), JSON.writeValueAsString(fields));
  }

  private Map<String, String> env() {
    return Map.of(
        "LH_PASS",
        PASSWORD,
        "LH_CLIENT_SECRET",
        "oidc-Secret-77",
        "DEVIANTART_CLIENT_SECRET",
        "da-secret-Value-42",
        "LOGIN_HARNESS_STORE",
        dir.resolve("store").toString());
  }

  /** Runs the CLI, asserts success, returns stdout. */
  private String cli(String... args) throws Exception {
    Cli.Run run = Cli.run(env(), null, args);
    assertEquals(0, run.exit(), String.join(" ", args) + "\n" + run.err());
    return run.out();
  }

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
