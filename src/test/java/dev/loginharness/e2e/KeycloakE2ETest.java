package dev.loginharness.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conformance against a real Keycloak 26 ({@link KeycloakServer}), from the command line as a user
 * runs it: found through OIDC discovery, its own login pages filled headless with no profile hints,
 * a TOTP second factor, a confidential client, and the lifecycle after the login. What Keycloak
 * does that our demo provider did not (docs/providers.md, "Keycloak"): revoking the refresh token
 * ends the session, and the access token's revocation then answers 200 {@code
 * {"error":"invalid_token"}}, which RFC 7009 counts as done.
 */
@Tag("e2e")
class KeycloakE2ETest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static KeycloakServer keycloak;

  @TempDir Path dir;

  /** Started once for every test class that needs it; a Keycloak that cannot start fails this. */
  @BeforeAll
  static void keycloak() {
    keycloak = KeycloakServer.shared();
  }

  @Test
  void aliceLogsInAndTheWholeLifecycleWorks() throws Exception {
    Path profile = publicClient();
    Map<String, String> env = env("LH_PASS", KeycloakServer.ALICE_PASSWORD);

    Cli.Run login = login(env, profile, "alice");
    assertEquals(0, login.exit(), login.err());
    JsonNode tokens = JSON.readTree(login.out());
    String first = tokens.path("access_token").asText();
    assertEquals(KeycloakServer.ALICE, userinfo(first).path("preferred_username").asText());
    assertEquals(KeycloakServer.PUBLIC_CLIENT, claims(first).path("azp").asText());

    Cli.Run cached = run(env, "token", "--provider", profile.toString());
    assertEquals(0, cached.exit(), cached.err());
    assertEquals(first, cached.out().strip(), "a valid stored token is served as it is");

    Cli.Run refresh = run(env, "refresh", "--provider", profile.toString());
    assertEquals(0, refresh.exit(), refresh.err());
    String refreshed = JSON.readTree(refresh.out()).path("access_token").asText();
    assertNotEquals(first, refreshed);
    assertEquals(KeycloakServer.ALICE, userinfo(refreshed).path("preferred_username").asText());

    Cli.Run check = run(env, "check", "--provider", profile.toString());
    assertEquals(0, check.exit(), check.err());

    // A copy of the entry, to check the revoked token with afterwards: revoke deletes the original.
    Path stored = dir.resolve("store/keycloak/default.json");
    Files.copy(stored, dir.resolve("store/keycloak/stale-copy.json"));
    Cli.Run revoke = run(env, "revoke", "--provider", profile.toString());
    assertEquals(0, revoke.exit(), revoke.err());
    assertTrue(
        revoke.err().contains("2 token(s) revoked at the provider; deleted from the store"),
        revoke.err());
    assertTrue(
        revoke
            .err()
            .contains(
                "access token: the provider answered HTTP 200 with error "
                    + "\"invalid_token\"; RFC 7009 counts that as done"),
        revoke.err());
    assertFalse(Files.exists(stored));
    assertEquals(401, userinfoStatus(refreshed), "userinfo still accepts the revoked token");
    Cli.Run checkRevoked =
        run(env, "check", "--provider", profile.toString(), "--account", "stale-copy");
    assertEquals(4, checkRevoked.exit(), checkRevoked.err());
    assertSecretsNotIn(
        List.of(first, refreshed, KeycloakServer.ALICE_PASSWORD),
        login,
        cached,
        refresh,
        check,
        revoke,
        checkRevoked);
  }

  @Test
  void bobSignsInWithHisAuthenticatorCode() throws Exception {
    Map<String, String> env = env("LH_PASS", KeycloakServer.BOB_PASSWORD);
    env.put("LH_TOTP", KeycloakServer.BOB_TOTP_BASE32);

    Cli.Run login = login(env, publicClient(), "bob", "--totp-secret-env", "LH_TOTP");

    assertEquals(0, login.exit(), login.err());
    String token = JSON.readTree(login.out()).path("access_token").asText();
    assertEquals(KeycloakServer.BOB, userinfo(token).path("preferred_username").asText());
    assertTrue(
        login.err().contains("step:one-time-code"), "no one-time-code step in: " + login.err());
  }

  /** A confidential client: the code flow with HTTP Basic, and the client credentials grant. */
  @Test
  void aConfidentialClientLogsInAndGetsAClientToken() throws Exception {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("clientId", KeycloakServer.CONFIDENTIAL_CLIENT);
    fields.put("clientSecretEnv", "KC_SECRET");
    fields.put("clientAuth", "basic");
    Path profile = profile("keycloak-confidential", fields);
    Map<String, String> env = env("LH_PASS", KeycloakServer.ALICE_PASSWORD);
    env.put("KC_SECRET", KeycloakServer.CONFIDENTIAL_SECRET);

    Cli.Run login = login(env, profile, "alice");
    assertEquals(0, login.exit(), login.err());
    String user = JSON.readTree(login.out()).path("access_token").asText();
    assertEquals(KeycloakServer.ALICE, userinfo(user).path("preferred_username").asText());
    assertEquals(KeycloakServer.CONFIDENTIAL_CLIENT, claims(user).path("azp").asText());

    Cli.Run grant =
        run(env, "client-credentials", "--provider", profile.toString(), "--account", "service");
    assertEquals(0, grant.exit(), grant.err());
    JsonNode client = claims(JSON.readTree(grant.out()).path("access_token").asText());
    assertEquals(KeycloakServer.CONFIDENTIAL_CLIENT, client.path("azp").asText());
    assertEquals(
        "service-account-" + KeycloakServer.CONFIDENTIAL_CLIENT,
        client.path("preferred_username").asText(),
        client.toString());
    assertSecretsNotIn(List.of(KeycloakServer.CONFIDENTIAL_SECRET, user), login, grant);
  }

  @Test
  void aWrongPasswordFailsFastWithKeycloaksMessage() throws Exception {
    long start = System.nanoTime();
    Cli.Run login = login(env("LH_PASS", "not-alices-password"), publicClient(), "alice");
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertEquals(3, login.exit(), login.err());
    assertTrue(login.err().contains("Invalid username or password."), login.err());
    assertFalse(login.err().contains("not-alices-password"), login.err());
    // Well inside the 20 s step timeout: the page's error ends the login, not a wait.
    assertTrue(took.toSeconds() < 20, "took " + took);
    assertFalse(Files.exists(dir.resolve("store/keycloak/default.json")));
  }

  private Path publicClient() throws Exception {
    return profile("keycloak", Map.of("clientId", KeycloakServer.PUBLIC_CLIENT));
  }

  /** A profile found through discovery, as a user writes one. */
  private Path profile(String name, Map<String, String> fields) throws Exception {
    Map<String, Object> profile = new LinkedHashMap<>();
    profile.put("name", name);
    profile.put("issuer", keycloak.issuer());
    profile.put("redirectUri", "http://127.0.0.1:9/callback");
    profile.put("scopes", List.of("openid", "profile"));
    profile.putAll(fields);
    return Files.writeString(dir.resolve(name + ".json"), JSON.writeValueAsString(profile));
  }

  private Map<String, String> env(String name, String value) {
    Map<String, String> env = new HashMap<>();
    env.put(name, value);
    env.put("LOGIN_HARNESS_STORE", dir.resolve("store").toString());
    return env;
  }

  /** A headless login as {@code user}, whose password is in {@code LH_PASS}. */
  private static Cli.Run login(Map<String, String> env, Path profile, String user, String... more)
      throws Exception {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "login",
                "--provider",
                profile.toString(),
                "--username",
                user,
                "--password-env",
                "LH_PASS"));
    args.addAll(List.of(more));
    return run(env, args.toArray(String[]::new));
  }

  private static Cli.Run run(Map<String, String> env, String... args) throws Exception {
    return Cli.run(env, null, args);
  }

  private static JsonNode userinfo(String token) throws Exception {
    HttpResponse<String> answer = userinfoResponse(token);
    assertEquals(200, answer.statusCode(), answer.body());
    return JSON.readTree(answer.body());
  }

  private static int userinfoStatus(String token) throws Exception {
    return userinfoResponse(token).statusCode();
  }

  private static HttpResponse<String> userinfoResponse(String token) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(
                    URI.create(keycloak.issuer() + "/protocol/openid-connect/userinfo"))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  /** The claims of a Keycloak access token (a JWT): who it was issued to. */
  private static JsonNode claims(String jwt) throws Exception {
    String[] parts = jwt.split("\\.");
    assertEquals(3, parts.length, "not a JWT");
    return JSON.readTree(
        new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
  }

  private static void assertSecretsNotIn(List<String> secrets, Cli.Run... runs) {
    for (Cli.Run run : runs) {
      for (String secret : secrets) {
        assertFalse(run.err().contains(secret), "a secret on stderr: " + run.err());
      }
    }
  }
}
