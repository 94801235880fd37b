package dev.loginharness.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which executables a local session gets, and the one line a wrong setting gives. */
class BrowserLocatorTest {
  @TempDir Path dir;

  @Test
  void aConfiguredBrowserThatDoesNotExistIsNamed() {
    Path missing = dir.resolve("no-such-chromium");

    BrowserUnavailableException e =
        assertThrows(
            BrowserUnavailableException.class,
            () -> locator(settings(Optional.of(missing), Optional.empty())).browser());

    assertEquals(
        "browser.binary "
            + missing
            + " is not an executable file (drivers.properties, LOGIN_HARNESS_BROWSER_BINARY or"
            + " --browser-binary)",
        e.getMessage());
  }

  @Test
  void configuredFilesWithoutTheExecutableBitAreRefused() throws IOException {
    Path plain = file("chromium", "rw-r--r--");

    List<String> refusals = refusals(plain);

    assertTrue(refusals.get(0).startsWith("browser.binary " + plain + " is not"), refusals.get(0));
    assertTrue(refusals.get(1).startsWith("driver.path " + plain + " is not"), refusals.get(1));
    assertTrue(refusals.get(2).startsWith("headless.shell " + plain + " is not"), refusals.get(2));
  }

  @Test
  void configuredDirectoriesAreNotExecutableFiles() throws IOException {
    // Files.isExecutable says yes to a directory one may enter.
    Path directory = Files.createDirectory(dir.resolve("chromium-dir"));
    assertTrue(Files.isExecutable(directory));

    assertEquals(
        List.of(
            "browser.binary "
                + directory
                + " is not an executable file (drivers.properties, LOGIN_HARNESS_BROWSER_BINARY or"
                + " --browser-binary)",
            "driver.path "
                + directory
                + " is not an executable file (drivers.properties, LOGIN_HARNESS_DRIVER_PATH or"
                + " --driver-path)",
            "headless.shell "
                + directory
                + " is not an executable file (drivers.properties, LOGIN_HARNESS_HEADLESS_SHELL or"
                + " --headless-shell); auto finds an installed one, none uses the full browser"),
        refusals(directory));
  }

  @Test
  void directoriesAreSkippedWhenLookingForAnExecutable() throws IOException {
    Path preferred = Files.createDirectory(dir.resolve("chromium"));
    Path early = Files.createDirectories(dir.resolve("early"));
    Files.createDirectory(early.resolve("chromium"));
    Path late = Files.createDirectories(dir.resolve("late"));
    Path browser = late.resolve("chromium");
    Files.writeString(browser, "#!/bin/sh\n");
    Files.setPosixFilePermissions(browser, PosixFilePermissions.fromString("rwxr-xr-x"));

    assertEquals(
        Optional.of(browser),
        BrowserLocator.findExecutable(List.of(preferred), List.of("chromium"), early + ":" + late));
    assertEquals(
        Optional.empty(),
        BrowserLocator.findExecutable(List.of(preferred), List.of("chromium"), early.toString()));
  }

  @Test
  void configuredExecutablesAreTakenAsGiven() throws Exception {
    Path browser = file("my-chromium", "rwxr-xr-x");
    Path driver = file("my-chromedriver", "rwxr-xr-x");
    Path shell = file("my-headless-shell", "rwxr-xr-x");
    BrowserLocator locator =
        locator(
            settings(Optional.of(browser), Optional.of(driver))
                .withHeadlessShell(DriverSettings.HeadlessShell.at(shell)));

    assertEquals(browser, locator.browser());
    assertEquals(driver, locator.driver());
    assertEquals(Optional.of(shell), locator.headlessShell());
  }

  @Test
  void noShellWhenNoneIsAskedForOrABrowserIsChosen() throws Exception {
    Path browser = file("my-chromium", "rwxr-xr-x");

    assertEquals(
        Optional.empty(),
        locator(DriverSettings.defaults().withHeadlessShell(DriverSettings.HeadlessShell.NONE))
            .headlessShell());
    assertEquals(
        Optional.empty(),
        locator(settings(Optional.of(browser), Optional.empty())).headlessShell());
  }

  @Test
  void offlineWebDriverManagerFailsAtOnceNamingTheHost() {
    DriverSettings wdm =
        DriverSettings.defaults()
            .override(
                Optional.of(DriverSettings.Mode.WEBDRIVERMANAGER),
                Optional.empty(),
                Optional.empty(),
                List.of(),
                Optional.empty(),
                Optional.empty());
    // A loopback port nobody listens on: refused at once, like an offline machine's DNS.
    BrowserLocator locator =
        new BrowserLocator(wdm, Map.of("LOGIN_HARNESS_WDM_PROBE", "127.0.0.1:1"));

    BrowserUnavailableException e =
        assertThrows(BrowserUnavailableException.class, locator::driver);

    assertTrue(
        e.getMessage()
            .startsWith("mode=webdrivermanager needs the internet, but 127.0.0.1:1 is unreachable"),
        e.getMessage());
  }

  @Test
  void headlessShellsAreKnownByName() {
    assertTrue(BrowserLocator.isHeadlessShell(Path.of("/opt/chrome-headless-shell")));
    assertTrue(
        BrowserLocator.isHeadlessShell(Path.of("/usr/lib/chromium/chromium-headless-shell")));
    assertTrue(BrowserLocator.isHeadlessShell(Path.of("/opt/headless_shell")));
    assertTrue(!BrowserLocator.isHeadlessShell(Path.of("/usr/bin/chromium")));
  }

  /** The messages for {@code given} as browser.binary, driver.path and headless.shell. */
  private List<String> refusals(Path given) {
    BrowserLocator browser = locator(settings(Optional.of(given), Optional.empty()));
    BrowserLocator driver = locator(settings(Optional.empty(), Optional.of(given)));
    BrowserLocator shell =
        locator(
            DriverSettings.defaults().withHeadlessShell(DriverSettings.HeadlessShell.at(given)));
    return List.of(
        assertThrows(BrowserUnavailableException.class, browser::browser).getMessage(),
        assertThrows(BrowserUnavailableException.class, driver::driver).getMessage(),
        assertThrows(BrowserUnavailableException.class, shell::headlessShell).getMessage());
  }

  private static DriverSettings settings(Optional<Path> browser, Optional<Path> driver) {
    return DriverSettings.defaults()
        .override(Optional.empty(), browser, driver, List.of(), Optional.empty(), Optional.empty());
  }

  private BrowserLocator locator(DriverSettings settings) {
    return new BrowserLocator(settings, Map.of("PATH", ""));
  }

  private Path file(String name, String permissions) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, "#!/bin/sh\nexit 0\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    return file;
  }
}
