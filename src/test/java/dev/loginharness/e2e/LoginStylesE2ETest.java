package dev.loginharness.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loginharness.browser.Browsers;
import dev.loginharness.browser.Credentials;
import dev.loginharness.browser.DriverSettings;
import dev.loginharness.browser.OtpSource;
import dev.loginharness.browser.Totp;
import dev.loginharness.demo.DemoProvider;
import dev.loginharness.flow.BrowserSources;
import dev.loginharness.flow.CodeExchanger;
import dev.loginharness.flow.HumanStepNeededException;
import dev.loginharness.flow.LoginFailedException;
import dev.loginharness.flow.LoginFlow;
import dev.loginharness.flow.LoginResult;
import dev.loginharness.oauth.TokenClient;
import dev.loginharness.provider.ProviderProfile;
import dev.loginharness.secret.Secret;
import dev.loginharness.testing.Loopback;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sign-in pages CI logins meet in the wild, as the demo provider plays them, all through the
 * same hint-less headless login: username first, a one-time code, "stay signed in?", a locked
 * account, a captcha. Failures leave a bundle; no bundle holds a secret.
 */
@Tag("e2e")
class LoginStylesE2ETest extends DemoProviderE2E {
  private static final String USER = "alice";
  private static final Secret PASSWORD = Secret.of("styles-Password-314");
  private static final String TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

  /** Codes, states, verifiers and tokens are long base64url runs. */
  private static final Pattern TOKEN_LIKE = Pattern.compile("[A-Za-z0-9_-]{40,}");

  @TempDir Path dir;

  /** One login page's wait; a test that times a failure sets it above what it asserts. */
  private Duration stepTimeout = Duration.ofSeconds(10);

  /** A form post answered after 4 s is a page loading, not a submit that went nowhere (3 s). */
  @Test
  void aSubmitAnsweredSlowlyIsWaitedFor() throws Exception {
    LoginResult result =
        login(b -> b.pageLatency(Duration.ofSeconds(4)), Optional.empty(), Optional.empty());

    TokenAssertions.belongsTo(provider.userinfoEndpoint(), result.tokens(), USER);
  }

  @Test
  void aFormInAnOpenShadowRoot() throws Exception {
    LoginResult result = login(b -> b.shadowRootForm(true), Optional.empty(), Optional.empty());

    TokenAssertions.belongsTo(provider.userinfoEndpoint(), result.tokens(), USER);
    assertTrue(result.timeline().find("step:password").isPresent());
  }

  @Test
  void aFormInASameOriginFramePostingToTheWholeWindow() throws Exception {
    LoginResult result = login(b -> b.formInFrame(true, false), Optional.empty(), Optional.empty());

    TokenAssertions.belongsTo(provider.userinfoEndpoint(), result.tokens(), USER);
    assertEquals(1, provider.redemptions().size());
  }

  @Test
  void aFormInACrossOriginFrameFailsWithinTwentySecondsNamingTheFrame() throws Exception {
    stepTimeout = Duration.ofSeconds(30); // waiting it out would take longer than 20 s
    long start = System.nanoTime();

    LoginFailedException e =
        assertThrows(
            LoginFailedException.class,
            () -> login(b -> b.formInFrame(true, true), Optional.empty(), Optional.empty()));

    long ms = (System.nanoTime() - start) / 1_000_000;
    assertTrue(
        e.getMessage()
            .contains(
                "the form is in a frame from http://localhost:"
                    + URI.create(provider.authorizationEndpoint()).getPort()
                    + "; use `login.steps` with `frame`"),
        e.getMessage());
    assertTrue(ms < 20_000, "failed after " + ms + " ms");
    assertTrue(provider.redemptions().isEmpty());
  }

  @Test
  void aFormInACrossOriginFrameWithTheProfilesFrameSteps() throws Exception {
    provider = start(b -> b.formInFrame(true, true));
    ProviderProfile profile =
        withSteps(
            """
        [{"fill": "#username", "value": "username", "frame": "iframe[title='Sign in']"},
         {"fill": "#password", "value": "password", "frame": "iframe[title='Sign in']"},
         {"click": "button[type=submit]", "frame": "iframe[title='Sign in']"}]
        """);

    LoginResult result = run(profile, PASSWORD, Optional.empty(), Optional.empty());

    TokenAssertions.belongsTo(provider.userinfoEndpoint(), result.tokens(), USER);
  }

  @Test
  void theTermsBoxIsTickedAndKeepMeSignedInIsNot() throws Exception {
    LoginResult result = login(b -> b.termsCheckbox(true), Optional.empty(), Optional.empty());

    TokenAssertions.belongsTo(provider.userinfoEndpoint(), result.tokens(), USER);
    assertTrue(result.timeline().find("step:terms").isPresent());
    assertEquals(0, provider.keepMeSignedInCount());
  }

  @Test
  void keepMeSignedInIsTickedWhenTheProfileAsks() throws Exception {
    provider = start(b -> b.termsCheckbox(true));
    ProviderProfile profile =
        dev.loginharness.provider.ProfileLoader.parse(
            """
            {"name": "keep", "authorizationEndpoint": "%s", "tokenEndpoint": "%s",
             "clientId": "styles", "redirectUri": "%s", "login": {"keepSignedIn": true}}
            """
                .formatted(
                    provider.authorizationEndpoint(),
                    provider.tokenEndpoint(),
                    provider.redirectUris().iterator().next()),
            "test profile");

    LoginResult result = run(profile, PASSWORD, Optional.empty(), Optional.empty());

    TokenAssertions.belongsTo(provider.userinfoEndpoint(), result.tokens(), USER);
    assertEquals(1, provider.keepMeSignedInCount());
  }

  @Test
  void anAccountPickerWithTheUsersTileChoosesIt() throws Exception {
    LoginResult result =
        login(b -> b.accountPicker("bob", USER, "carol"), Optional.empty(), Optional.empty());

    TokenAssertions.belongsTo(provider.userinfoEndpoint(), result.tokens(), USER);
    assertTrue(result.timeline().find("step:account").isPresent());
    assertTrue(result.timeline().find("step:username").isEmpty(), "the tile names the user");
  }

  @Test
  void anAccountPickerWithoutTheUsersTileUsesAnotherAccount() throws Exception {
    LoginResult result =
        login(b -> b.accountPicker("bob", "carol"), Optional.empty(), Optional.empty());

    TokenAssertions.belongsTo(provider.userinfoEndpoint(), result.tokens(), USER);
    assertTrue(result.timeline().find("step:account").isPresent());
    assertTrue(result.timeline().find("step:password").isPresent());
  }

  @Test
  void usernameFirstThenPassword() throws Exception {
    LoginResult result = login(b -> b.usernameFirst(true), Optional.empty(), Optional.empty());

    TokenAssertions.belongsTo(provider.userinfoEndpoint(), result.tokens(), USER);
    assertTrue(result.timeline().find("step:username").isPresent());
    assertTrue(result.timeline().find("step:password").isPresent());
  }

  @Test
  void usernameFirstPasswordTotpAndStaySignedIn() throws Exception {
    OtpSource totp = OtpSource.totp(Totp.parse(TOTP_SECRET), Clock.systemUTC());

    LoginResult result =
        login(
            b -> b.usernameFirst(true).totpSecret(TOTP_SECRET).staySignedInPrompt(true),
            Optional.of(totp),
            Optional.empty());

    TokenAssertions.belongsTo(provider.userinfoEndpoint(), result.tokens(), USER);
    assertTrue(result.timeline().find("step:one-time-code").isPresent());
    assertTrue(result.timeline().find("step:consent").isPresent(), "the stay-signed-in page");
  }

  @Test
  void theProfilesExplicitStepsAreFollowed() throws Exception {
    provider = start(b -> b.usernameFirst(true));
    ProviderProfile profile =
        withSteps(
            """
        [{"fill": "#identifier", "value": "username"}, {"click": "button[type=submit]"},
         {"fill": "input[name=password]", "value": "password"}, {"click": "button[type=submit]"}]
        """);

    LoginResult result = run(profile, PASSWORD, Optional.empty(), Optional.empty());

    TokenAssertions.belongsTo(provider.userinfoEndpoint(), result.tokens(), USER);
    assertEquals(1, provider.redemptions().size());
  }

  @Test
  void aStepWhoseElementNeverAppearsIsNamed() throws Exception {
    provider = start(b -> b.usernameFirst(true));
    ProviderProfile profile =
        withSteps(
            """
        [{"fill": "#identifier", "value": "username"}, {"click": "button[type=submit]"},
         {"fill": "#no-such-field", "value": "password"}]
        """);

    LoginFailedException e =
        assertThrows(
            LoginFailedException.class,
            () -> run(profile, PASSWORD, Optional.empty(), Optional.empty()));

    assertTrue(
        e.getMessage()
            .startsWith(
                "login step 3 (fill #no-such-field with the password): no visible element after 10 s at http://127.0.0.1:"),
        e.getMessage());
  }

  @Test
  void aCodeStepWithoutACodeSourceNeedsAHuman() throws Exception {
    HumanStepNeededException e =
        assertThrows(
            HumanStepNeededException.class,
            () -> login(b -> b.totpSecret(TOTP_SECRET), Optional.empty(), Optional.empty()));

    assertTrue(e.kind().contains("one-time code"), e.getMessage());
  }

  @Test
  void lockedAccountEndsTheLoginWithItsMessage() throws Exception {
    LoginFailedException e =
        assertThrows(
            LoginFailedException.class,
            () -> login(b -> b.lockedUser(USER), Optional.empty(), Optional.empty()));

    assertTrue(e.getMessage().contains("Your account is locked"), e.getMessage());
    assertFalse(e instanceof HumanStepNeededException);
  }

  @Test
  void captchaStopsAHeadlessLoginWithinTwoSecondsAndLeavesABundle() throws Exception {
    Path bundle = dir.resolve("bundle");

    HumanStepNeededException e =
        assertThrows(
            HumanStepNeededException.class,
            () -> login(b -> b.captcha(true), Optional.empty(), Optional.of(bundle)));

    assertTrue(
        e.getMessage().startsWith("human step needed: captcha (reCAPTCHA) at http://127.0.0.1:"),
        e.getMessage());
    assertEquals(1, provider.captchaShownCount());
    JsonNode marks =
        new ObjectMapper().readTree(bundle.resolve("timeline.json").toFile()).path("marks");
    double password = at(marks, "step:password");
    double challenge = at(marks, "challenge");
    assertTrue(
        challenge - password < 2000,
        "captcha seen " + (challenge - password) + " ms after the password");
    assertTrue(Files.exists(bundle.resolve("step-01-password.png")));
    assertNoSecrets(bundle);
  }

  @Test
  void wrongPasswordBundleHasEverythingButSecretsAndOnlyItsOwnerCanReadIt() throws Exception {
    Path bundle = dir.resolve("bundles").resolve("wrong-password");
    provider = start(b -> b);

    assertThrows(
        LoginFailedException.class,
        () -> run(Secret.of("wrong-" + PASSWORD.reveal()), Optional.empty(), Optional.of(bundle)));

    try (Stream<Path> files = Files.list(bundle)) {
      List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
      assertTrue(
          names.containsAll(List.of("console.log", "network.json", "page.html", "timeline.json")),
          names.toString());
      assertTrue(names.stream().anyMatch(n -> n.endsWith(".png")), names.toString());
    }
    // Issue 16, row 5: the bundle shows the user's pages; the parent it created is private too.
    for (Path d : List.of(bundle, bundle.getParent())) {
      assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(d)));
    }
    try (Stream<Path> files = Files.list(bundle)) {
      for (Path file : files.toList()) {
        assertEquals(
            "rw-------",
            PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
            file.toString());
      }
    }
    String network = Files.readString(bundle.resolve("network.json"));
    assertTrue(network.contains("\"POST\"") && network.contains("/login"), network);
    assertTrue(
        network.contains("code_challenge=") && network.contains("state=<redacted>"), network);
    assertTrue(
        Files.readString(bundle.resolve("page.html")).contains("Invalid username or password"));
    assertNoSecrets(bundle);
  }

  private void assertNoSecrets(Path bundle) throws Exception {
    try (Stream<Path> files = Files.list(bundle)) {
      for (Path file : files.filter(f -> !f.toString().endsWith(".png")).toList()) {
        String text = Files.readString(file);
        assertFalse(text.contains(PASSWORD.reveal()), file + " holds the password");
        assertFalse(
            text.contains("wrong-" + PASSWORD.reveal()), file + " holds the typed password");
        var m = TOKEN_LIKE.matcher(text.replaceAll("code_challenge=[A-Za-z0-9_-]+", ""));
        assertFalse(
            m.find(),
            file + " holds something code- or token-like: " + (m.hitEnd() ? "" : m.group()));
      }
    }
  }

  private static double at(JsonNode marks, String name) {
    for (JsonNode m : marks) {
      if (name.equals(m.path("mark").asText())) {
        return m.path("ms").asDouble();
      }
    }
    throw new AssertionError("no mark " + name + " in " + marks);
  }

  private LoginResult login(
      UnaryOperator<DemoProvider.Builder> style, Optional<OtpSource> otp, Optional<Path> bundle)
      throws Exception {
    provider = start(style);
    return run(PASSWORD, otp, bundle);
  }

  private DemoProvider start(UnaryOperator<DemoProvider.Builder> style) throws Exception {
    return style
        .apply(
            DemoProvider.builder()
                .client("styles")
                .user(USER, PASSWORD.reveal())
                .redirectUri("http://127.0.0.1:" + Loopback.freePort() + "/callback"))
        .start();
  }

  private LoginResult run(Secret password, Optional<OtpSource> otp, Optional<Path> bundle)
      throws Exception {
    return run(
        ProviderProfile.basic(
            "styles",
            URI.create(provider.authorizationEndpoint()),
            URI.create(provider.tokenEndpoint()),
            provider.clientId(),
            provider.redirectUris().iterator().next(),
            List.of(),
            List.of("profile")),
        password,
        otp,
        bundle);
  }

  /** A profile file's worth of JSON with {@code login.steps}, read by the real loader. */
  private ProviderProfile withSteps(String stepsJson) throws Exception {
    return dev.loginharness.provider.ProfileLoader.parse(
        """
        {"name": "steps", "authorizationEndpoint": "%s", "tokenEndpoint": "%s", "clientId": "styles",
         "redirectUri": "%s", "login": {"steps": %s}}
        """
            .formatted(
                provider.authorizationEndpoint(),
                provider.tokenEndpoint(),
                provider.redirectUris().iterator().next(),
                stepsJson),
        "test profile");
  }

  private LoginResult run(
      ProviderProfile profile, Secret password, Optional<OtpSource> otp, Optional<Path> bundle)
      throws Exception {
    LoginFlow.Debug debug =
        bundle.isEmpty() ? LoginFlow.Debug.OFF : new LoginFlow.Debug(bundle, false, message -> {});
    return new LoginFlow(
            profile,
            BrowserSources.of(new Browsers(DriverSettings.defaults(), System.getenv())),
            CodeExchanger.at(TokenClient.shared(), profile.tokenEndpoint(System::getenv)),
            new LoginFlow.Options(
                true,
                Optional.of(new Credentials(USER, password, otp)),
                Duration.ofSeconds(60),
                stepTimeout,
                debug))
        .run();
  }
}
