package dev.loginharness.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loginharness.demo.DemoProvider;
import dev.loginharness.demo.TokenFault;
import dev.loginharness.testing.Loopback;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as a user runs it: a separate JVM, real stdout and stderr, real exit codes.
 * Everything the process writes to stderr — including anything Selenium, chromedriver or Chromium
 * might print — is checked for secrets.
 */
@Tag("e2e")
class CliE2ETest extends DemoProviderE2E {
  private static final String PASSWORD = "pw-Zebra-Quartz-7781-secret";
  private static final String CLIENT_SECRET = "cs-Walrus-Mango-5521-secret";

  /** Codes, states, verifiers and tokens are long base64url runs; nothing else on stderr is. */
  private static final Pattern TOKEN_LIKE = Pattern.compile("[A-Za-z0-9_-]{30,}");

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void headlessLoginPrintsOnlyTheTokensOnStdoutAndNoSecretOnStderr() throws Exception {
    long started = System.nanoTime();
    Cli.Run run = login(confidentialProfile(b -> b));
    long wallMillis = (System.nanoTime() - started) / 1_000_000;

    assertEquals(0, run.exit(), run.err());
    // The first mark says when the process began, before the login's own clock: the JVM's start
    // and the command line take time, and no more than the whole run.
    Matcher processStarted =
        Pattern.compile("timeline: process-started -([0-9]+) ms \\(±10 ms\\) \\| authorize-url ")
            .matcher(run.err());
    assertTrue(processStarted.find(), run.err());
    long before = Long.parseLong(processStarted.group(1));
    assertTrue(before > 10 && before < wallMillis, before + " ms of " + wallMillis);
    JsonNode tokens = JSON.readTree(run.out());
    String access = tokens.path("access_token").asText();
    String refresh = tokens.path("refresh_token").asText();
    TokenAssertions.belongsTo(provider.userinfoEndpoint(), access, "alice");
    assertFalse(refresh.isEmpty());
    assertEquals("Bearer", tokens.path("token_type").asText());
    assertTrue(tokens.has("expires_at"), run.out());
    assertTrue(run.err().contains("timeline:"), run.err());
    assertTrue(run.err().contains("(headless shell, no BiDi)"), run.err());
    assertNoSecrets(run.err(), PASSWORD, CLIENT_SECRET, access, refresh);
    assertEquals(1, provider.redemptions().size());
  }

  @Test
  void headlessShellFlagChoosesTheBrowser() throws Exception {
    Path profile = confidentialProfile(b -> b);

    Cli.Run full = login(profile, "--headless-shell", "none");
    Cli.Run missing = login(profile, "--headless-shell", dir.resolve("no-shell").toString());

    assertEquals(0, full.exit(), full.err());
    assertTrue(
        full.err().contains("browser-launched") && !full.err().contains("headless shell"),
        full.err());
    assertEquals(5, missing.exit(), missing.err());
    assertTrue(
        missing
            .err()
            .contains("headless.shell " + dir.resolve("no-shell") + " is not an executable file"),
        missing.err());
  }

  private static String[] concat(String[] first, String... more) {
    String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
    System.arraycopy(more, 0, all, first.length, more.length);
    return all;
  }

  @Test
  void passwordFromStdinAndBareTokenFormat() throws Exception {
    Path profile = confidentialProfile(b -> b);

    Cli.Run run =
        Cli.run(
            Map.of("LH_CLIENT_SECRET", CLIENT_SECRET),
            PASSWORD + "\n",
            "login",
            "--provider",
            profile.toString(),
            "--username",
            "alice",
            "--password-stdin",
            "--format",
            "token",
            "--quiet");

    assertEquals(0, run.exit(), run.err());
    assertTrue(run.out().strip().matches("[A-Za-z0-9_-]{20,}"), run.out());
    assertEquals("", run.err().strip());
  }

  @Test
  void wrongPasswordExits3WithTheProvidersMessage() throws Exception {
    Path profile = confidentialProfile(b -> b);
    Path passwordFile = Files.writeString(dir.resolve("pw"), "not-" + PASSWORD + "\n");

    Cli.Run run =
        Cli.run(
            Map.of("LH_CLIENT_SECRET", CLIENT_SECRET),
            null,
            loginArgs(profile, "--password-file", passwordFile.toString()));

    assertEquals(3, run.exit(), run.err());
    assertEquals("", run.out());
    List<String> lines = run.err().strip().lines().toList();
    // The failure bundle's location, then the error itself, on one line.
    assertEquals(2, lines.size(), run.err());
    assertTrue(lines.get(0).startsWith("login-harness: failure bundle written to "), run.err());
    assertTrue(lines.get(1).contains("Invalid username or password"), run.err());
    assertNoSecrets(run.err(), PASSWORD, CLIENT_SECRET);
  }

  @Test
  void accessDeniedExits3() throws Exception {
    Path profile = confidentialProfile(b -> b.denyConsent(true));

    Cli.Run run = login(profile);

    assertEquals(3, run.exit(), run.err());
    assertTrue(run.err().contains("access_denied"), run.err());
    assertNoSecrets(run.err(), PASSWORD, CLIENT_SECRET);
  }

  @Test
  void expiredCodeExits4AndSaysSo() throws Exception {
    Path profile = confidentialProfile(b -> b.codeLifetime(Duration.ofNanos(1)));

    Cli.Run run = login(profile);

    assertEquals(4, run.exit(), run.err());
    assertTrue(run.err().contains("invalid_grant") && run.err().contains("expired"), run.err());
    assertNoSecrets(run.err(), PASSWORD, CLIENT_SECRET);
  }

  @Test
  void unknownProfileFieldExits2NamingIt() throws Exception {
    Path profile = Files.writeString(dir.resolve("bad.json"), "{\"tokenEndpont\": \"x\"}");

    Cli.Run run = Cli.run(Map.of(), null, "login", "--provider", profile.toString(), "--headful");

    assertEquals(2, run.exit(), run.err());
    assertTrue(run.err().contains("tokenEndpont"), run.err());
  }

  @Test
  void missingBrowserExits5() throws Exception {
    Cli.Run run = loginWithBrowserBinary(dir.resolve("no-such-chromium"));

    assertEquals(5, run.exit(), run.err());
    assertTrue(run.err().contains("no-such-chromium"), run.err());
  }

  /** Issue 16, row 13: a directory can be "executed" (entered), but it is no browser. */
  @Test
  void directoryAsBrowserExits5() throws Exception {
    Path directory = Files.createDirectory(dir.resolve("chromium-dir"));

    Cli.Run run = loginWithBrowserBinary(directory);

    assertEquals(5, run.exit(), run.err());
    assertTrue(
        run.err().contains("browser.binary " + directory + " is not an executable file"),
        run.err());
  }

  private Cli.Run loginWithBrowserBinary(Path binary) throws Exception {
    return login(confidentialProfile(b -> b), "--browser-binary", binary.toString());
  }

  @Test
  void plainPasswordFlagDoesNotExist() throws Exception {
    Cli.Run run = Cli.run(Map.of(), null, "login", "--provider", "x.json", "--password", PASSWORD);

    assertEquals(2, run.exit());
    assertFalse(run.err().isEmpty());
  }

  @Test
  void helpAndVersion() throws Exception {
    Cli.Run help = Cli.run(Map.of(), null, "login", "--help");
    Cli.Run version = Cli.run(Map.of(), null, "--version");

    assertEquals(0, help.exit());
    assertTrue(help.out().contains("--password-env"), help.out());
    assertTrue(help.out().contains("Examples"), help.out());
    assertEquals(0, version.exit());
    assertTrue(version.out().startsWith("login-harness"), version.out());
  }

  /** Issue 16, row 2: what arrived of a cut-off token response may be the tokens themselves. */
  @Test
  void aCutOffTokenResponseExits4AndIsQuotedNowhere() throws Exception {
    Path profile = confidentialProfile(b -> b.tokenFault(TokenFault.TRUNCATED_BODY, 1));
    Path bundle = dir.resolve("bundle");

    Cli.Run run = login(profile, "--debug-dir", bundle.toString());

    assertEquals(4, run.exit(), run.err());
    assertTrue(run.err().contains("with a body that is not valid JSON ("), run.err());
    assertNoSecrets(run.err(), PASSWORD, CLIENT_SECRET);
    String timeline = Files.readString(bundle.resolve("timeline.json"));
    assertTrue(timeline.contains("not valid JSON"), timeline);
    assertFalse(TOKEN_LIKE.matcher(timeline).find(), timeline);
  }

  /** Issue 16, row 11. */
  @Test
  void escapeSequencesInAProvidersErrorNeverReachTheTerminal() throws Exception {
    Path profile = confidentialProfile(b -> b.tokenFault(TokenFault.HOSTILE_ERROR_TEXT, 1));

    Cli.Run run = login(profile);

    assertEquals(4, run.exit(), run.err());
    String line =
        run.err().lines().filter(l -> l.contains("invalid_request")).findFirst().orElseThrow();
    assertTrue(line.contains("\\u001b[2J"), line);
    assertTrue(line.endsWith("more characters)"), line);
    assertTrue(line.length() < 1000, "length " + line.length());
    assertFalse(run.err().contains("\u001b"), "a raw ESC reached stderr");
  }

  /** Issue 16, row 14: a young code survives one 503. */
  @Test
  void aServerErrorOnTheExchangeIsRetried() throws Exception {
    Path profile = confidentialProfile(b -> b.tokenFault(TokenFault.UNAVAILABLE, 1));

    Cli.Run run = login(profile);

    assertEquals(0, run.exit(), run.err());
    assertEquals(2, provider.tokenRequestCount());
    assertEquals(1, provider.tokenFaultsServed());
    assertEquals(1, provider.redemptions().size());
  }

  /** Issue 16, row 7: a CR LF in a token would add a header to every request it is sent with. */
  @Test
  void aTokenWithALineBreakIsRefusedAndNeverPrintedOrStored() throws Exception {
    Path profile = confidentialProfile(b -> b.tokenFault(TokenFault.CRLF_IN_TOKEN, 1));
    Path store = dir.resolve("store");

    Cli.Run run = login(profile, "--store", store.toString(), "--format", "header");

    assertEquals(4, run.exit(), run.err());
    assertEquals("", run.out());
    assertTrue(run.err().contains("holds characters a bearer token may not"), run.err());
    assertFalse(run.err().contains("X-Injected"), run.err());
    assertFalse(Files.exists(store.resolve("demo-cli/default.json")));
  }

  /** Issue 16, row 4: a 200 that is no revocation answer revokes nothing, so nothing is deleted. */
  @Test
  void aCaptivePortalOnRevokeKeepsTheTokensWithExit4() throws Exception {
    Path profile = confidentialProfile(b -> b.captivePortalOnRevoke(true));
    Path store = dir.resolve("store");
    Cli.Run login = login(profile, "--store", store.toString());
    assertEquals(0, login.exit(), login.err());
    String access = JSON.readTree(login.out()).path("access_token").asText();
    Path entry = store.resolve("demo-cli/default.json");
    String before = Files.readString(entry);

    Cli.Run revoke =
        Cli.run(
            Map.of("LH_CLIENT_SECRET", CLIENT_SECRET),
            null,
            "revoke",
            "--provider",
            profile.toString(),
            "--store",
            store.toString());

    assertEquals(4, revoke.exit(), revoke.out() + revoke.err());
    assertTrue(revoke.err().contains("not JSON"), revoke.err());
    assertEquals(before, Files.readString(entry), "the stored tokens were changed");
    TokenAssertions.belongsTo(provider.userinfoEndpoint(), access, "alice");
    assertTrue(provider.revokeRequestCount() >= 1);
  }

  /**
   * Issue 17: with the default step timeout a login that can make no progress ends within 20 s of
   * the command's start, JVM and browser start included (with the old 20 s default it could not).
   */
  @Test
  void aPageWithNothingToFillEndsTheCommandWithin20sNamingTheStep() throws Exception {
    Path profile = confidentialProfile(b -> b);
    // The userinfo endpoint, opened as a page, is a 401 with nothing to fill.
    Files.writeString(
        profile,
        Files.readString(profile)
            .replace(provider.authorizationEndpoint(), provider.userinfoEndpoint()));
    long start = System.nanoTime();

    Cli.Run run = login(profile);

    long ms = (System.nanoTime() - start) / 1_000_000;
    assertEquals(3, run.exit(), run.err());
    assertTrue(
        run.err().contains("login page: no username or password field after 10 s at http://"),
        run.err());
    assertTrue(ms < 20_000, "the command took " + ms + " ms");
  }

  @Test
  void aFormInACrossOriginFrameEndsTheCommandWithin20sSayingWhatToDo() throws Exception {
    Path profile = confidentialProfile(b -> b.formInFrame(true, true));
    long start = System.nanoTime();

    Cli.Run run = login(profile);

    long ms = (System.nanoTime() - start) / 1_000_000;
    assertEquals(3, run.exit(), run.err());
    assertTrue(run.err().contains("the form is in a frame from http://localhost:"), run.err());
    assertTrue(run.err().contains("; use `login.steps` with `frame`"), run.err());
    assertTrue(ms < 20_000, "the command took " + ms + " ms");
    // (the page's address carries the PKCE challenge, which is public; no secret)
    assertFalse(run.err().contains(PASSWORD) || run.err().contains(CLIENT_SECRET), run.err());
  }

  private Cli.Run login(Path profile, String... more) throws Exception {
    return Cli.run(
        Map.of("LH_PASS", PASSWORD, "LH_CLIENT_SECRET", CLIENT_SECRET),
        null,
        concat(loginArgs(profile), more));
  }

  /** A headless login as alice, whose password is in {@code LH_PASS}. */
  private static String[] loginArgs(Path profile) {
    return loginArgs(profile, "--password-env", "LH_PASS");
  }

  /** A headless login as alice, with her password from {@code passwordFlags}. */
  private static String[] loginArgs(Path profile, String... passwordFlags) {
    return concat(
        new String[] {
          "login", "--provider", profile.toString(), "--headless", "--username", "alice"
        },
        passwordFlags);
  }

  private static void assertNoSecrets(String stderr, String... secrets) {
    for (String secret : secrets) {
      assertFalse(stderr.contains(secret), "a secret reached stderr:\n" + stderr);
    }
    Matcher m = TOKEN_LIKE.matcher(stderr);
    assertFalse(
        m.find(), "something code- or token-like reached stderr: " + (m.hitEnd() ? "" : stderr));
  }

  /**
   * A confidential client, so a client secret is in play too; the secret comes from the
   * environment.
   */
  private Path confidentialProfile(java.util.function.UnaryOperator<DemoProvider.Builder> config)
      throws IOException {
    String redirect = "http://127.0.0.1:" + Loopback.freePort() + "/callback";
    provider =
        config
            .apply(
                DemoProvider.builder()
                    .client("cli-client")
                    .clientSecret(CLIENT_SECRET)
                    .redirectUri(redirect)
                    .user("alice", PASSWORD))
            .start();
    String json =
        """
        {
          "name": "demo-cli",
          "authorizationEndpoint": "%s",
          "tokenEndpoint": "%s",
          "clientId": "cli-client",
          "clientSecretEnv": "LH_CLIENT_SECRET",
          "clientAuth": "basic",
          "redirectUri": "%s",
          "revocationEndpoint": "%s",
          "scopes": ["profile"]
        }
        """
            .formatted(
                provider.authorizationEndpoint(),
                provider.tokenEndpoint(),
                redirect,
                provider.revocationEndpoint());
    return Files.writeString(dir.resolve("provider.json"), json);
  }
}
