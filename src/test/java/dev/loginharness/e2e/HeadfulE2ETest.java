package dev.loginharness.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loginharness.browser.BrowserUnavailableException;
import dev.loginharness.browser.Browsers;
import dev.loginharness.browser.DriverSettings;
import dev.loginharness.demo.DemoProvider;
import dev.loginharness.flow.BrowserSources;
import dev.loginharness.flow.CodeExchanger;
import dev.loginharness.flow.LoginFlow;
import dev.loginharness.flow.LoginResult;
import dev.loginharness.oauth.TokenClient;
import dev.loginharness.provider.ProviderProfile;
import dev.loginharness.testing.Loopback;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A headful login as a person does it: a visible Chromium on a real X server (Xvfb), and a "person"
 * — xdotool — typing into it while the harness only watches the network. No form filler is
 * involved; the callback is still captured and exchanged.
 */
@Tag("e2e")
class HeadfulE2ETest extends DemoProviderE2E {
  private Process xvfb;

  /**
   * Waits for Xvfb to exit: one still shutting down has removed its lock file but not yet its
   * socket, and the next test, picking the same display number, took the stale socket for its own
   * new server's and failed to connect.
   */
  @AfterEach
  void stopXvfb() throws InterruptedException {
    if (xvfb != null) {
      xvfb.destroy();
      if (!xvfb.waitFor(10, TimeUnit.SECONDS)) {
        xvfb.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void aPersonTypesTheCredentialsAndTheCodeIsStillCaught() throws Exception {
    String display = startXvfb();
    provider =
        DemoProvider.builder()
            .client("headful")
            .user("alice", "headful-Pass-1")
            .redirectUri("http://127.0.0.1:" + Loopback.freePort() + "/callback")
            .start();
    ProviderProfile profile = profile("headful");
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("DISPLAY", display);

    CompletableFuture<LoginResult> login =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return new LoginFlow(
                        profile,
                        BrowserSources.of(new Browsers(DriverSettings.defaults(), env)),
                        CodeExchanger.at(
                            TokenClient.shared(), profile.tokenEndpoint(System::getenv)),
                        new LoginFlow.Options(
                            false,
                            Optional.empty(),
                            Duration.ofSeconds(60),
                            Duration.ofSeconds(20)))
                    .run();
              } catch (Exception e) {
                throw new RuntimeException(e);
              }
            });
    personSignsIn(display, "alice", "headful-Pass-1");

    LoginResult result = login.get(60, TimeUnit.SECONDS);
    TokenAssertions.belongsTo(provider.userinfoEndpoint(), result.tokens(), "alice");
    assertEquals(1, provider.redemptions().size());
    assertTrue(
        result.timeline().find("form-done").isEmpty(), "the form filler must not run headful");
  }

  /**
   * {@code login --headful} with a profile that extends the built-in pixiv, against Pixiv's app
   * login as Pixiv runs it (docs/providers.md, "Pixiv"): the sign-in page on another host, no state
   * of the client's coming back. A person signs in; the CLI prints the tokens.
   */
  @Test
  void aPersonSignsInToPixivsAppLoginFromTheCommandLine(@TempDir Path dir) throws Exception {
    String display = startXvfb();
    provider = PixivLike.provider().user("alice", "pixiv-Pass-4").start();
    Path profile = PixivLike.profile(provider, dir.resolve("pixiv.json"), Map.of());

    Process login =
        Cli.start(
            Map.of("DISPLAY", display),
            "login",
            "--provider",
            profile.toString(),
            "--headful",
            "--store",
            dir.resolve("store").toString());
    personSignsIn(display, "alice", "pixiv-Pass-4");
    Cli.Run run = Cli.finish(login);

    assertEquals(0, run.exit(), run.err());
    TokenAssertions.belongsTo(
        provider.userinfoEndpoint(),
        new ObjectMapper().readTree(run.out()).path("access_token").asText(),
        "alice");
    assertEquals(1, provider.redemptions().size());
  }

  @Test
  void aCaptchaInHeadlessModeIsHandedToAPersonInAVisibleWindow() throws Exception {
    String display = startXvfb();
    // Shown only to a browser whose User-Agent says HeadlessChrome, as bot defences do.
    provider =
        DemoProvider.builder()
            .client("handover")
            .user("alice", "handover-Pass-2")
            .captchaForHeadlessBrowsers(true)
            .redirectUri("http://127.0.0.1:" + Loopback.freePort() + "/callback")
            .start();
    ProviderProfile profile = profile("handover");
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("DISPLAY", display);
    List<String> notices = new java.util.concurrent.CopyOnWriteArrayList<>();

    CompletableFuture<LoginResult> login =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return new LoginFlow(
                        profile,
                        BrowserSources.of(new Browsers(DriverSettings.defaults(), env)),
                        CodeExchanger.at(
                            TokenClient.shared(), profile.tokenEndpoint(System::getenv)),
                        new LoginFlow.Options(
                            true,
                            Optional.of(
                                new dev.loginharness.browser.Credentials(
                                    "alice", dev.loginharness.secret.Secret.of("handover-Pass-2"))),
                            Duration.ofSeconds(60),
                            Duration.ofSeconds(20),
                            new LoginFlow.Debug(Optional.empty(), false, notices::add),
                            true))
                    .run();
              } catch (Exception e) {
                throw new RuntimeException(e);
              }
            });
    personSignsIn(display, "alice", "handover-Pass-2");

    LoginResult result = login.get(90, TimeUnit.SECONDS);
    TokenAssertions.belongsTo(provider.userinfoEndpoint(), result.tokens(), "alice");
    assertEquals(1, provider.captchaShownCount(), "the headless attempt met the captcha once");
    assertTrue(result.timeline().find("reopening-headful").isPresent());
    assertTrue(
        notices.stream().anyMatch(n -> n.contains("human step needed: captcha (reCAPTCHA)")),
        notices.toString());
  }

  @Test
  void handingOverWithoutADisplayStillNeedsAHuman() throws Exception {
    provider =
        DemoProvider.builder()
            .client("nodisplay")
            .user("alice", "nodisplay-Pass-3")
            .captchaForHeadlessBrowsers(true)
            .redirectUri("http://127.0.0.1:" + Loopback.freePort() + "/callback")
            .start();
    ProviderProfile profile = profile("nodisplay");
    Map<String, String> env = new HashMap<>(System.getenv());
    env.remove("DISPLAY");
    env.remove("WAYLAND_DISPLAY");

    var e =
        assertThrows(
            dev.loginharness.flow.HumanStepNeededException.class,
            () ->
                new LoginFlow(
                        profile,
                        BrowserSources.of(new Browsers(DriverSettings.defaults(), env)),
                        CodeExchanger.at(
                            TokenClient.shared(), profile.tokenEndpoint(System::getenv)),
                        new LoginFlow.Options(
                            true,
                            Optional.of(
                                new dev.loginharness.browser.Credentials(
                                    "alice",
                                    dev.loginharness.secret.Secret.of("nodisplay-Pass-3"))),
                            Duration.ofSeconds(60),
                            Duration.ofSeconds(20),
                            LoginFlow.Debug.OFF,
                            true))
                    .run());

    assertTrue(
        e.getMessage().contains("captcha") && e.getMessage().contains("needs a display"),
        e.getMessage());
  }

  @Test
  void headfulWithoutADisplaySaysSo() {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.remove("DISPLAY");
    env.remove("WAYLAND_DISPLAY");

    BrowserUnavailableException e =
        assertThrows(
            BrowserUnavailableException.class,
            () -> new Browsers(DriverSettings.defaults(), env).launch(false));

    assertTrue(e.getMessage().contains("needs a display"), e.getMessage());
  }

  /** The person: waits for the sign-in window, then types (the username field has autofocus). */
  private static void personSignsIn(String display, String user, String password) throws Exception {
    awaitWindow(display, "Demo provider");
    Thread.sleep(500);
    xdotool(display, "type", "--delay", "20", user);
    xdotool(display, "key", "Tab");
    xdotool(display, "type", "--delay", "20", password);
    xdotool(display, "key", "Return");
  }

  private ProviderProfile profile(String name) {
    return ProviderProfile.basic(
        name,
        URI.create(provider.authorizationEndpoint()),
        URI.create(provider.tokenEndpoint()),
        provider.clientId(),
        provider.redirectUris().iterator().next(),
        List.of(),
        List.of("profile"));
  }

  private String startXvfb() throws Exception {
    for (int n = 90 + (int) (ProcessHandle.current().pid() % 50); n < 200; n++) {
      if (java.nio.file.Files.exists(java.nio.file.Path.of("/tmp/.X" + n + "-lock"))
          || java.nio.file.Files.exists(java.nio.file.Path.of("/tmp/.X11-unix/X" + n))) {
        continue;
      }
      xvfb =
          new ProcessBuilder("Xvfb", ":" + n, "-screen", "0", "1280x900x24", "-nolisten", "tcp")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      for (int i = 0; i < 50 && xvfb.isAlive(); i++) {
        if (java.nio.file.Files.exists(java.nio.file.Path.of("/tmp/.X11-unix/X" + n))) {
          return ":" + n;
        }
        Thread.sleep(100);
      }
      xvfb.destroy();
    }
    throw new AssertionError("could not start Xvfb");
  }

  /**
   * Polls rather than {@code search --sync}: a search that meets a window Chromium is closing (it
   * opens and closes some while it starts) fails with BadWindow and exit 1, and took the test with
   * it now and then.
   */
  private static void awaitWindow(String display, String title) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    String last = "";
    while (System.nanoTime() < deadline) {
      ProcessBuilder pb =
          new ProcessBuilder("xdotool", "search", "--onlyvisible", "--name", title)
              .redirectErrorStream(true);
      pb.environment().put("DISPLAY", display);
      Process p = pb.start();
      last = new String(p.getInputStream().readAllBytes());
      if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no visible window named '" + title + "' within 30 s: " + last);
  }

  private static void xdotool(String display, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("xdotool"));
    command.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("DISPLAY", display);
    Process p = pb.start();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "xdotool " + String.join(" ", args) + " hung");
    assertEquals(0, p.exitValue(), "xdotool " + String.join(" ", args));
  }
}
