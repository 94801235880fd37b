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
import dev.loginharness.browser.DriverSettings.HeadlessShell;
import dev.loginharness.demo.DemoProvider;
import dev.loginharness.flow.BrowserSources;
import dev.loginharness.flow.CodeExchanger;
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
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which browser a headless session runs: Chromium's headless shell when it is installed (the
 * default, {@code headless.shell=auto}), the full browser with {@code headless.shell=none} or an
 * explicit {@code browser.binary}. scripts/install-browser installs the shell, so these tests
 * expect it and fail, rather than skip, without it.
 */
@Tag("e2e")
class HeadlessShellE2ETest extends DemoProviderE2E {
  private static final Path DEBIAN_SHELL = Path.of("/usr/lib/chromium/chromium-headless-shell");
  private static final Secret PASSWORD = Secret.of("correct horse battery staple");

  @Test
  void aDefaultHeadlessSessionRunsTheShell() throws Exception {
    assertTrue(
        Files.isExecutable(DEBIAN_SHELL),
        DEBIAN_SHELL + " is missing: run scripts/install-browser");

    try (BrowserSession session = browsers(DriverSettings.defaults()).launch(true)) {
      assertTrue(session.isHeadlessShell());
      assertEquals(DEBIAN_SHELL.toString(), browserCommand(session));
    }
  }

  @Test
  void noneLogsInWithTheFullBrowser() throws Exception {
    String redirect = "http://127.0.0.1:" + Loopback.freePort() + "/callback";
    provider =
        DemoProvider.builder()
            .client("demo-client")
            .redirectUri(redirect)
            .user("alice", PASSWORD.reveal())
            .start();
    DriverSettings settings = DriverSettings.defaults().withHeadlessShell(HeadlessShell.NONE);

    try (BrowserSession session = browsers(settings).launch(true)) {
      assertFalse(session.isHeadlessShell());
      assertTrue(browserCommand(session).endsWith("/chromium"), browserCommand(session));
    }
    LoginResult result =
        new LoginFlow(
                profile(redirect),
                BrowserSources.of(browsers(settings)),
                CodeExchanger.at(
                    TokenClient.shared(), profile(redirect).tokenEndpoint(System::getenv)),
                new LoginFlow.Options(
                    true,
                    Optional.of(new Credentials("alice", PASSWORD)),
                    Duration.ofSeconds(60),
                    Duration.ofSeconds(20)))
            .run();

    assertEquals(1, provider.redemptions().size());
    assertEquals("cdp", result.captureMechanism());
    String launched = result.timeline().toLine();
    assertTrue(
        launched.contains("browser-launched") && !launched.contains("headless shell"), launched);
  }

  @Test
  void aChosenBrowserIsNotSwappedForTheShell() throws Exception {
    DriverSettings settings =
        DriverSettings.defaults()
            .override(
                Optional.empty(),
                Optional.of(Path.of("/usr/bin/chromium")),
                Optional.empty(),
                List.of(),
                Optional.empty(),
                Optional.empty());

    try (BrowserSession session = browsers(settings).launch(true)) {
      assertFalse(session.isHeadlessShell());
    }
  }

  /**
   * A browser.binary that is a script can leave Chromium running after its own process is gone:
   * here the script starts Chromium and exits at once, so chromedriver sees its browser die and
   * fails the session while Chromium, now under PID 1, goes on. (Debian's wrapper for the headless
   * shell, which runs it without exec, does the same when a session fails to start.) The session
   * start must fail with a clear message and kill what uses its profile; the base class checks that
   * nothing was left running.
   */
  @Test
  void aFailedStartLeavesNoBrowserBehindAWrapperScript(@TempDir Path dir) throws Exception {
    Path wrapper = dir.resolve("browser-wrapper");
    Files.writeString(wrapper, "#!/bin/sh\n/usr/bin/chromium \"$@\" >/dev/null 2>&1 &\nexit 1\n");
    Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
    DriverSettings settings =
        DriverSettings.defaults()
            .override(
                Optional.empty(),
                Optional.of(wrapper),
                Optional.empty(),
                List.of(),
                Optional.empty(),
                Optional.empty());

    BrowserUnavailableException e =
        assertThrows(BrowserUnavailableException.class, () -> browsers(settings).launch(true));

    assertTrue(e.getMessage().startsWith("could not start Chromium " + wrapper), e.getMessage());
  }

  private static Browsers browsers(DriverSettings settings) {
    return new Browsers(settings, System.getenv());
  }

  /** The browser process's executable, as the kernel knows it. */
  private static String browserCommand(BrowserSession session) {
    return ProcessHandle.of(session.pids().get(1)).orElseThrow().info().command().orElseThrow();
  }

  private ProviderProfile profile(String redirect) {
    return ProviderProfile.basic(
        "demo",
        URI.create(provider.authorizationEndpoint()),
        URI.create(provider.tokenEndpoint()),
        provider.clientId(),
        redirect,
        List.of(),
        List.of("profile"));
  }
}
