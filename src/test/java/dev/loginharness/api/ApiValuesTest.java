package dev.loginharness.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loginharness.browser.DriverSettings;
import dev.loginharness.flow.Timeline;
import dev.loginharness.secret.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The small values the builder takes: what they accept, what they refuse, what they say. */
class ApiValuesTest {
  @Test
  void aMalformedTotpSecretFailsWithoutQuotingIt() {
    String secret = "not base32 at all!";
    ConfigurationError e =
        assertThrows(
            ConfigurationError.class,
            () -> Credentials.of("alice", Secret.of("pw")).withTotpSecret(Secret.of(secret)));
    assertTrue(e.getMessage().startsWith("TOTP secret: "), e.getMessage());
    assertFalse(e.getMessage().contains(secret), e.getMessage());
  }

  @Test
  void oneTimeCodeSources() throws Exception {
    Credentials plain = Credentials.of("alice", Secret.of("pw"));
    assertFalse(plain.hasOneTimeCodes());
    assertTrue(plain.withTotpSecret(Secret.of("JBSWY3DPEHPK3PXP")).hasOneTimeCodes());
    assertTrue(plain.withOtpCommand("echo 123456").hasOneTimeCodes());
    assertEquals(
        "the one-time-code command is empty",
        assertThrows(ConfigurationError.class, () -> plain.withOtpCommand("  ")).getMessage());
    assertEquals("Credentials[alice, ***]", plain.toString());
  }

  @Test
  void credentialsFromMissingVariablesNameTheVariable() {
    ConfigurationError e =
        assertThrows(
            ConfigurationError.class,
            () ->
                Credentials.fromLookup(name -> name.equals("U") ? "alice" : null, "U", "P", null));
    assertEquals(
        "the password variable P is set neither in the environment nor as a system property",
        e.getMessage());
  }

  @Test
  void driverOverridesAreChecked() throws Exception {
    assertEquals(
        "a browser flag is empty",
        assertThrows(
                ConfigurationError.class, () -> DriverOverrides.builder().browserArg(" ").build())
            .getMessage());
    assertEquals(
        "the remote URL must be an absolute http(s) URL, not 'localhost:4444'",
        assertThrows(
                ConfigurationError.class,
                () -> DriverOverrides.builder().remoteUrl("localhost:4444").build())
            .getMessage());

    DriverOverrides o =
        DriverOverrides.builder()
            .mode(DriverSettings.Mode.REMOTE)
            .remoteUrl("http://127.0.0.1:4444")
            .browserArg("--lang=de")
            .browserArg("--mute-audio")
            .capture(DriverSettings.CaptureKind.CDP)
            .build();
    assertEquals(Optional.of(DriverSettings.Mode.REMOTE), o.mode());
    assertEquals(List.of("--lang=de", "--mute-audio"), o.browserArgs());
    assertEquals(Optional.of(DriverSettings.CaptureKind.CDP), o.capture());
    assertEquals(Optional.empty(), DriverOverrides.none().mode());
    assertEquals(
        Optional.of("none"),
        DriverOverrides.builder().headlessShell("none").build().headlessShell());
    assertEquals(
        "the headless shell must be auto, none or a path",
        assertThrows(
                ConfigurationError.class,
                () -> DriverOverrides.builder().headlessShell(" ").build())
            .getMessage());
  }

  @Test
  void debugBundles() {
    assertThrows(IllegalStateException.class, () -> DebugBundles.none().withTrace());
    assertEquals(Optional.empty(), DebugBundles.none().directoryFor("p"));
    assertEquals(
        Optional.of(Path.of("/tmp/b")), DebugBundles.in(Path.of("/tmp/b")).directoryFor("p"));
    assertTrue(DebugBundles.in(Path.of("/tmp/b")).withTrace().trace());
    Path temporary = DebugBundles.temporary().directoryFor("pixiv").orElseThrow();
    assertTrue(
        temporary.getFileName().toString().matches("pixiv-\\d{8}-\\d{6}\\.\\d{3}"),
        temporary.toString());
    assertEquals("login-harness-debug", temporary.getParent().getFileName().toString());
  }

  /** Issue 16: bundles go where TMPDIR says, as every Unix tool's temporary files do. */
  @Test
  void temporaryBundlesHonourTmpdir() {
    Path inTmpdir =
        DebugBundles.temporary()
            .directoryFor("p", name -> name.equals("TMPDIR") ? "/var/tmp/mine" : null)
            .orElseThrow();
    assertEquals(Path.of("/var/tmp/mine/login-harness-debug"), inTmpdir.getParent());

    for (String unusable : new String[] {null, "", "relative/dir"}) {
      Path fallback = DebugBundles.temporary().directoryFor("p", name -> unusable).orElseThrow();
      assertEquals(
          Path.of(System.getProperty("java.io.tmpdir"), "login-harness-debug"),
          fallback.getParent());
    }
  }

  @Test
  void aTimelineTakesAMeasurementFromElsewhere() {
    Timeline timeline = new Timeline();
    timeline.mark("browser-launched", System.nanoTime(), "BiDi");
    LoginTimeline copy = LoginTimeline.of(timeline);
    LoginTimeline more =
        copy.withDuration(
            "code-age-at-redemption", Duration.ofMillis(109), "measured by the provider");

    assertTrue(more.toLine().startsWith("timeline: browser-launched "), more.toLine());
    assertTrue(
        more.toLine().endsWith(" | code-age-at-redemption 109 ms (measured by the provider)"),
        more.toLine());
    assertFalse(copy.toLine().contains("code-age"), "the copy it came from is unchanged");
    assertEquals(timeline.toLine(), copy.toLine());
  }
}
