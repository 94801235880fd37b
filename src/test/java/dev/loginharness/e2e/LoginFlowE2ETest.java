package dev.loginharness.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loginharness.browser.BrowserSession;
import dev.loginharness.browser.BrowserUnavailableException;
import dev.loginharness.browser.Browsers;
import dev.loginharness.browser.Credentials;
import dev.loginharness.browser.DriverSettings;
import dev.loginharness.browser.DriverSettings.CaptureKind;
import dev.loginharness.demo.DemoProvider;
import dev.loginharness.flow.BrowserSources;
import dev.loginharness.flow.CodeExchanger;
import dev.loginharness.flow.LoginFailedException;
import dev.loginharness.flow.LoginFlow;
import dev.loginharness.flow.LoginResult;
import dev.loginharness.oauth.ResponseType;
import dev.loginharness.oauth.StateBinding;
import dev.loginharness.oauth.TokenClient;
import dev.loginharness.provider.ProviderProfile;
import dev.loginharness.secret.Secret;
import dev.loginharness.testing.Loopback;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real headless Chromium, real demo provider on loopback, the library's login flow end to end.
 * Every test checks afterwards that no Chromium or chromedriver it started is still running.
 */
@Tag("e2e")
class LoginFlowE2ETest extends DemoProviderE2E {
  private static final String USER = "alice";
  private static final Secret PASSWORD = Secret.of("correct horse battery staple");

  @Test
  void httpCallbackWhereNothingListens() throws Exception {
    String redirect = "http://127.0.0.1:" + Loopback.freePort() + "/callback";
    provider = start(b -> b.redirectUri(redirect));

    LoginResult result = login(profile(redirect), USER, PASSWORD, CaptureKind.AUTO);

    TokenAssertions.belongsTo(provider.userinfoEndpoint(), result.tokens(), USER);
    assertTrue(result.tokens().refreshToken().isPresent());
    assertEquals(1, provider.redemptions().size());
    assertEquals(1, provider.tokenRequestCount());
    // A browser of the login's own: CDP alone under capture=auto (BiDi only costs time there).
    assertEquals("cdp", result.captureMechanism());
    assertTrue(result.timeline().find("callback-captured").isPresent());
  }

  /**
   * docs/providers.md, "Pixiv": no state taken, Pixiv's own on the https hop, none on the app URL.
   */
  @Test
  void customSchemeThroughThePixivLikeHop() throws Exception {
    provider = start(b -> b.appRedirect("demoapp"));

    LoginResult result = login(appProfile(), USER, PASSWORD, CaptureKind.AUTO);

    // The code shows up twice (the https-style hop and demoapp://); it is redeemed once.
    assertEquals(1, provider.tokenRequestCount());
    assertEquals(1, provider.redemptions().size());
    TokenAssertions.belongsTo(provider.userinfoEndpoint(), result.tokens(), USER);
  }

  /** What the built-in pixiv profile did before it said "not-echoed": the login Pixiv broke. */
  @Test
  void aProviderThatDoesNotEchoStateFailsAnEchoedProfileBeforeAnyExchange() throws Exception {
    provider = start(b -> b.appRedirect("demoapp"));

    LoginFailedException e =
        assertThrows(
            LoginFailedException.class,
            () ->
                login(
                    appProfile().withState(StateBinding.ECHOED), USER, PASSWORD, CaptureKind.AUTO));

    assertTrue(e.getMessage().contains("state mismatch"), e.getMessage());
    assertEquals(0, provider.tokenRequestCount(), "a token request reached the provider");
  }

  @Test
  void redirectUriThatIsACustomScheme() throws Exception {
    provider = start(b -> b.redirectUri("demoapp://callback"));

    LoginResult result = login(profile("demoapp://callback"), USER, PASSWORD, CaptureKind.AUTO);

    TokenAssertions.belongsTo(provider.userinfoEndpoint(), result.tokens(), USER);
    assertEquals(1, provider.tokenRequestCount());
  }

  /** Each mechanism on its own must see each shape of callback; AUTO merely races them. */
  @ParameterizedTest(name = "{0} sees a {1} callback")
  @CsvSource({
    "BIDI, http", "BIDI, app-hop", "BIDI, custom-scheme",
    "CDP, http", "CDP, app-hop", "CDP, custom-scheme",
    "PERFLOG, http", "PERFLOG, app-hop", "PERFLOG, custom-scheme"
  })
  void everyCaptureMechanismSeesEveryCallbackShape(CaptureKind kind, String shape)
      throws Exception {
    String closed = "http://127.0.0.1:" + Loopback.freePort() + "/callback";
    provider =
        start(
            b ->
                switch (shape) {
                  case "http" -> b.redirectUri(closed);
                  case "app-hop" -> b.appRedirect("demoapp");
                  default -> b.redirectUri("demoapp://callback");
                });
    ProviderProfile profile =
        switch (shape) {
          case "http" -> profile(closed);
          case "app-hop" -> appProfile();
          default -> profile("demoapp://callback");
        };

    LoginResult result = login(profile, USER, PASSWORD, kind);

    assertEquals(kind.name().toLowerCase(java.util.Locale.ROOT), result.captureMechanism());
    assertEquals(1, provider.redemptions().size());
    assertEquals(1, provider.tokenRequestCount());
  }

  @Test
  void consentPageIsApprovedNeverCancelled() throws Exception {
    String redirect = "http://127.0.0.1:" + Loopback.freePort() + "/callback";
    // The demo puts its Cancel button first: the filler must choose by label, not position.
    provider = start(b -> b.redirectUri(redirect).consentPage(true));

    LoginResult result = login(profile(redirect), USER, PASSWORD, CaptureKind.AUTO);

    TokenAssertions.belongsTo(provider.userinfoEndpoint(), result.tokens(), USER);
    assertEquals(1, provider.redemptions().size());
  }

  @Test
  void legacyImplicitGrantTakesTheTokenFromTheFragment() throws Exception {
    String redirect = "http://127.0.0.1:" + Loopback.freePort() + "/callback";
    provider = start(b -> b.redirectUri(redirect).allowImplicit(true));
    ProviderProfile implicit = implicit(profile(redirect));

    LoginResult result = login(implicit, USER, PASSWORD, CaptureKind.AUTO);

    TokenAssertions.belongsTo(provider.userinfoEndpoint(), result.tokens(), USER);
    assertTrue(result.tokens().refreshToken().isEmpty());
    assertTrue(result.tokens().expiresAt().isPresent());
    assertEquals(0, provider.tokenRequestCount(), "the implicit grant has no token request");
    assertEquals(
        200,
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(URI.create(provider.userinfoEndpoint()))
                    .header("Authorization", "Bearer " + result.tokens().accessToken().reveal())
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.discarding())
            .statusCode());
  }

  @Test
  void implicitGrantStillChecksTheState() throws Exception {
    String redirect = "http://127.0.0.1:" + Loopback.freePort() + "/callback";
    provider = start(b -> b.redirectUri(redirect).allowImplicit(true).tamperState(true));
    ProviderProfile implicit = implicit(profile(redirect));

    LoginFailedException e =
        assertThrows(
            LoginFailedException.class, () -> login(implicit, USER, PASSWORD, CaptureKind.AUTO));

    assertTrue(e.getMessage().contains("state mismatch"), e.getMessage());
  }

  @Test
  void wrongPasswordFailsFastWithTheProvidersMessage() throws Exception {
    String redirect = "http://127.0.0.1:" + Loopback.freePort() + "/callback";
    provider = start(b -> b.redirectUri(redirect));

    long start = System.nanoTime();
    LoginFailedException e =
        assertThrows(
            LoginFailedException.class,
            () ->
                login(profile(redirect), USER, Secret.of("wrong password 123"), CaptureKind.AUTO));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertTrue(e.getMessage().contains("Invalid username or password"), e.getMessage());
    assertFalse(e.getMessage().contains("wrong password 123"));
    // Browser start included; far below the 20 s step timeout the filler would otherwise wait.
    assertTrue(took.compareTo(Duration.ofSeconds(12)) < 0, "took " + took);
    assertEquals(0, provider.tokenRequestCount());
  }

  @Test
  void errorRedirectEndsTheLoginWithTheProvidersError() throws Exception {
    String redirect = "http://127.0.0.1:" + Loopback.freePort() + "/callback";
    provider = start(b -> b.redirectUri(redirect).denyConsent(true));

    LoginFailedException e =
        assertThrows(
            LoginFailedException.class,
            () -> login(profile(redirect), USER, PASSWORD, CaptureKind.AUTO));

    assertTrue(e.getMessage().contains("access_denied"), e.getMessage());
    assertTrue(e.getMessage().contains("The user denied access"), e.getMessage());
    assertEquals(0, provider.tokenRequestCount());
  }

  @Test
  void stateMismatchExchangesNothing() throws Exception {
    String redirect = "http://127.0.0.1:" + Loopback.freePort() + "/callback";
    provider = start(b -> b.redirectUri(redirect).tamperState(true));

    LoginFailedException e =
        assertThrows(
            LoginFailedException.class,
            () -> login(profile(redirect), USER, PASSWORD, CaptureKind.AUTO));

    assertTrue(e.getMessage().contains("state mismatch"), e.getMessage());
    assertEquals(0, provider.tokenRequestCount(), "a token request reached the provider");
  }

  @Test
  void closeKillsABrowserWhoseDriverDied() throws Exception {
    Browsers browsers = new Browsers(DriverSettings.defaults(), System.getenv());
    BrowserSession session = browsers.launch(true);
    List<Long> pids = session.pids();
    assertEquals(2, pids.size(), "chromedriver and Chromium pids: " + pids);
    // A crashed chromedriver cannot quit its browser: Chromium would be orphaned.
    ProcessHandle driver = ProcessHandle.of(pids.get(0)).orElseThrow();
    driver.destroyForcibly();
    // Not driver.onExit(): Selenium's own Process object reaps chromedriver, and a second waiter
    // on the same child can miss the exit (seen here: a hang).
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (Chromium.isRunning(driver.pid()) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertFalse(Chromium.isRunning(driver.pid()), "chromedriver survived SIGKILL");

    session.close();

    for (long pid : pids) {
      assertFalse(Chromium.isRunning(pid), "pid " + pid + " still running");
    }
  }

  @Test
  void webDriverManagerModeFailsFastWhenOffline() throws Exception {
    DriverSettings settings =
        DriverSettings.defaults()
            .override(
                Optional.of(DriverSettings.Mode.WEBDRIVERMANAGER),
                Optional.empty(),
                Optional.empty(),
                List.of(),
                Optional.empty(),
                Optional.empty());
    // Stands in for the download hosts, which this machine cannot reach either.
    Map<String, String> env = Map.of("LOGIN_HARNESS_WDM_PROBE", "127.0.0.1:" + Loopback.freePort());

    long start = System.nanoTime();
    BrowserUnavailableException e =
        assertThrows(
            BrowserUnavailableException.class, () -> new Browsers(settings, env).launch(true));

    assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 5);
    assertTrue(e.getMessage().contains("drivers.properties"), e.getMessage());
  }

  private DemoProvider start(UnaryOperator<DemoProvider.Builder> config) throws IOException {
    return config
        .apply(DemoProvider.builder().client("demo-client").user(USER, PASSWORD.reveal()))
        .start();
  }

  private ProviderProfile profile(String redirectUri, String... aliases) {
    return ProviderProfile.basic(
        "demo",
        URI.create(provider.authorizationEndpoint()),
        URI.create(provider.tokenEndpoint()),
        provider.clientId(),
        redirectUri,
        List.of(aliases),
        List.of("profile"));
  }

  /** Pixiv's app login on the demo provider, as the built-in pixiv profile logs in. */
  private ProviderProfile appProfile() {
    return ProviderProfile.basic(
            "demo",
            URI.create(provider.appAuthorizationEndpoint()),
            URI.create(provider.tokenEndpoint()),
            provider.clientId(),
            provider.appCallbackUri(),
            List.of("demoapp://account/login"),
            List.of())
        .withState(StateBinding.NOT_ECHOED);
  }

  /** The same profile with {@code "responseType": "token"}. */
  private static ProviderProfile implicit(ProviderProfile p) {
    return p.toBuilder().responseType(ResponseType.TOKEN).build();
  }

  private static LoginResult login(
      ProviderProfile profile, String user, Secret password, CaptureKind capture) throws Exception {
    DriverSettings settings =
        DriverSettings.defaults()
            .override(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of(),
                Optional.empty(),
                Optional.of(capture));
    return new LoginFlow(
            profile,
            BrowserSources.of(new Browsers(settings, System.getenv())),
            CodeExchanger.at(TokenClient.shared(), profile.tokenEndpoint(System::getenv)),
            new LoginFlow.Options(
                true,
                Optional.of(new Credentials(user, password)),
                Duration.ofSeconds(60),
                Duration.ofSeconds(20)))
        .run();
  }
}
