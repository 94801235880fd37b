package dev.loginharness.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loginharness.browser.DriverSettings.CaptureKind;
import dev.loginharness.browser.DriverSettings.HeadlessShell;
import dev.loginharness.browser.DriverSettings.Mode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriverSettingsTest {
  @TempDir Path dir;

  private Path file(String... lines) throws IOException {
    Path file = dir.resolve("drivers.properties");
    Files.write(file, List.of(lines));
    return file;
  }

  private static void assertContains(String expected, String message) {
    assertTrue(message.contains(expected), "expected '" + expected + "' in: " + message);
  }

  @Test
  void readsEveryKeyFromFile() throws Exception {
    Path file =
        file(
            "# comment",
            "mode=remote",
            "browser.binary=/opt/chromium/chrome",
            "driver.path=/opt/chromium/chromedriver",
            "browser.args=--lang=en",
            "remote.url=http://127.0.0.1:4444",
            "capture=cdp",
            "headless.shell=/opt/chromium/headless_shell");

    DriverSettings s = DriverSettings.load(Optional.of(file), Map.of());

    assertEquals(Mode.REMOTE, s.mode());
    assertEquals(Optional.of(Path.of("/opt/chromium/chrome")), s.browserBinary());
    assertEquals(Optional.of(Path.of("/opt/chromium/chromedriver")), s.driverPath());
    assertEquals(List.of("--lang=en"), s.browserArgs());
    assertEquals(Optional.of("http://127.0.0.1:4444"), s.remoteUrl());
    assertEquals(CaptureKind.CDP, s.capture());
    assertEquals(HeadlessShell.at(Path.of("/opt/chromium/headless_shell")), s.headlessShell());
  }

  @Test
  void headlessShellIsAutoNoneOrAPath() throws Exception {
    assertEquals(HeadlessShell.AUTO, DriverSettings.defaults().headlessShell());
    assertEquals(HeadlessShell.AUTO, HeadlessShell.parse(" Auto "));
    assertEquals(HeadlessShell.NONE, HeadlessShell.parse("none"));
    assertEquals(
        HeadlessShell.at(Path.of("/x/chrome-headless-shell")),
        HeadlessShell.parse("/x/chrome-headless-shell"));
    // The environment wins over the file, as for every key.
    DriverSettings s =
        DriverSettings.load(
            Optional.of(file("headless.shell=/x/shell")),
            Map.of("LOGIN_HARNESS_HEADLESS_SHELL", "none"));
    assertEquals(HeadlessShell.NONE, s.headlessShell());
  }

  @Test
  void theShippedDriversPropertiesIsTheBuiltInOne() throws Exception {
    // The checkout's file documents the keys; the jar carries a copy for use outside a checkout.
    assertEquals(
        Files.readString(Path.of("drivers.properties")),
        Files.readString(Path.of("src/main/resources/drivers.properties")));
    assertEquals(
        DriverSettings.defaults(),
        DriverSettings.load(Optional.of(Path.of("drivers.properties")), Map.of()));
  }

  @Test
  void emptyValuesAndMissingKeysGiveDefaults() throws Exception {
    Path file = file("browser.binary=", "driver.path=   ", "browser.args=", "remote.url=");

    assertEquals(DriverSettings.defaults(), DriverSettings.load(Optional.of(file), Map.of()));
  }

  @Test
  void valuesAreCaseInsensitiveAndTrimmed() throws Exception {
    Path file = file("mode = WebDriverManager  ", "capture=BiDi");

    DriverSettings s = DriverSettings.load(Optional.of(file), Map.of());

    assertEquals(Mode.WEBDRIVERMANAGER, s.mode());
    assertEquals(CaptureKind.BIDI, s.capture());
  }

  @Test
  void environmentOverridesFile() throws Exception {
    Path file = file("mode=system", "browser.binary=/from/file", "capture=cdp");
    Map<String, String> env =
        Map.of(
            "LOGIN_HARNESS_DRIVER_MODE", "remote",
            "LOGIN_HARNESS_REMOTE_URL", "http://grid:4444",
            "LOGIN_HARNESS_BROWSER_BINARY", "/from/env",
            "LOGIN_HARNESS_DRIVER_PATH", "/env/chromedriver",
            "LOGIN_HARNESS_BROWSER_ARGS", "--a --b",
            "LOGIN_HARNESS_CAPTURE", "perflog");

    DriverSettings s = DriverSettings.load(Optional.of(file), env);

    assertEquals(Mode.REMOTE, s.mode());
    assertEquals(Optional.of("http://grid:4444"), s.remoteUrl());
    assertEquals(Optional.of(Path.of("/from/env")), s.browserBinary());
    assertEquals(Optional.of(Path.of("/env/chromedriver")), s.driverPath());
    assertEquals(List.of("--a", "--b"), s.browserArgs());
    assertEquals(CaptureKind.PERFLOG, s.capture());
  }

  @Test
  void blankEnvironmentValueDoesNotOverrideFile() throws Exception {
    Path file = file("browser.binary=/from/file");

    DriverSettings s =
        DriverSettings.load(Optional.of(file), Map.of("LOGIN_HARNESS_BROWSER_BINARY", " "));

    assertEquals(Optional.of(Path.of("/from/file")), s.browserBinary());
  }

  @Test
  void driversVariableNamesTheFileWhenNoneIsGiven() throws Exception {
    Path file = file("capture=cdp");

    DriverSettings s =
        DriverSettings.load(Optional.empty(), Map.of("LOGIN_HARNESS_DRIVERS", file.toString()));

    assertEquals(CaptureKind.CDP, s.capture());
  }

  @Test
  void unknownKeyIsNamed() throws Exception {
    Path file = file("mode=system", "browser.binay=/typo");

    BrowserConfigException e =
        assertThrows(
            BrowserConfigException.class, () -> DriverSettings.load(Optional.of(file), Map.of()));

    assertContains("'browser.binay'", e.getMessage());
    assertContains(file.toString(), e.getMessage());
  }

  @Test
  void driverStartTimeoutIsWholeSecondsFromFileOrEnvironment() throws Exception {
    Path file = file("driver.start.timeout=5");

    assertEquals(
        Duration.ofSeconds(30), DriverSettings.defaults().driverStartTimeout(), "the default");
    assertEquals(
        Duration.ofSeconds(5),
        DriverSettings.load(Optional.of(file), Map.of()).driverStartTimeout());
    assertEquals(
        Duration.ofSeconds(7),
        DriverSettings.load(Optional.of(file), Map.of("LOGIN_HARNESS_DRIVER_START_TIMEOUT", "7"))
            .driverStartTimeout());
  }

  @Test
  void badDriverStartTimeoutIsNamed() throws Exception {
    for (String bad : List.of("0", "601", "2.5", "30s", "-1")) {
      Path file = file("driver.start.timeout=" + bad);

      BrowserConfigException e =
          assertThrows(
              BrowserConfigException.class, () -> DriverSettings.load(Optional.of(file), Map.of()));

      assertEquals(
          "driver.start.timeout must be a whole number of seconds from 1 to 600, not '" + bad + "'",
          e.getMessage());
    }
  }

  @Test
  void badModeListsChoices() throws Exception {
    Path file = file("mode=docker");

    BrowserConfigException e =
        assertThrows(
            BrowserConfigException.class, () -> DriverSettings.load(Optional.of(file), Map.of()));

    assertContains("'docker'", e.getMessage());
    for (String choice : List.of("system", "webdrivermanager", "remote")) {
      assertContains(choice, e.getMessage());
    }
  }

  @Test
  void badModeFromEnvironmentIsRejected() throws Exception {
    Path file = file("mode=system");

    BrowserConfigException e =
        assertThrows(
            BrowserConfigException.class,
            () ->
                DriverSettings.load(
                    Optional.of(file), Map.of("LOGIN_HARNESS_DRIVER_MODE", "grid")));

    assertContains("'grid'", e.getMessage());
  }

  @Test
  void badCaptureListsChoices() throws Exception {
    Path file = file("capture=devtools");

    BrowserConfigException e =
        assertThrows(
            BrowserConfigException.class, () -> DriverSettings.load(Optional.of(file), Map.of()));

    assertContains("capture", e.getMessage());
    assertContains("bidi", e.getMessage());
  }

  @Test
  void remoteModeNeedsRemoteUrl() throws Exception {
    Path file = file("mode=remote", "remote.url=");

    BrowserConfigException e =
        assertThrows(
            BrowserConfigException.class, () -> DriverSettings.load(Optional.of(file), Map.of()));

    assertContains("remote.url", e.getMessage());
  }

  @Test
  void browserArgsAreSplitOnAnyWhitespace() throws Exception {
    Path file = file("browser.args=  --lang=de\t--window-size=1280,800   --mute-audio ");

    DriverSettings s = DriverSettings.load(Optional.of(file), Map.of());

    assertEquals(List.of("--lang=de", "--window-size=1280,800", "--mute-audio"), s.browserArgs());
  }

  @Test
  void missingFileIsAConfigError() {
    Path missing = dir.resolve("nope.properties");

    BrowserConfigException e =
        assertThrows(
            BrowserConfigException.class,
            () -> DriverSettings.load(Optional.of(missing), Map.of()));

    assertContains(missing.toString(), e.getMessage());
  }

  @Test
  void overrideAppliesCliValues() throws Exception {
    DriverSettings fromFile =
        DriverSettings.load(
            Optional.of(file("browser.args=--from-file", "browser.binary=/file/chrome")), Map.of());

    DriverSettings s =
        fromFile.override(
            Optional.of(Mode.REMOTE),
            Optional.of(Path.of("/cli/chrome")),
            Optional.of(Path.of("/cli/driver")),
            List.of("--from-cli"),
            Optional.of("http://cli-grid:4444"),
            Optional.of(CaptureKind.BIDI));

    assertEquals(Mode.REMOTE, s.mode());
    assertEquals(Optional.of(Path.of("/cli/chrome")), s.browserBinary());
    assertEquals(Optional.of(Path.of("/cli/driver")), s.driverPath());
    // CLI flags add to the file's Chromium flags rather than replacing them.
    assertEquals(List.of("--from-file", "--from-cli"), s.browserArgs());
    assertEquals(Optional.of("http://cli-grid:4444"), s.remoteUrl());
    assertEquals(CaptureKind.BIDI, s.capture());
  }

  @Test
  void overrideWithEmptyValuesKeepsSettings() throws Exception {
    DriverSettings fromFile =
        DriverSettings.load(
            Optional.of(
                file("mode=webdrivermanager", "browser.binary=/file/chrome", "capture=cdp")),
            Map.of());

    DriverSettings s =
        fromFile.override(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            List.of(),
            Optional.empty(),
            Optional.empty());

    assertEquals(fromFile, s);
  }
}
