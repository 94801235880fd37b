package dev.loginharness.browser;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.CapabilityType;

/**
 * Starts Chromium on this machine through a chromedriver of its own, in a fresh temporary profile.
 */
final class LocalLauncher {
  private final DriverSettings settings;
  private final Map<String, String> env;
  private final BrowserLocator locator;

  LocalLauncher(DriverSettings settings, Map<String, String> env, BrowserLocator locator) {
    this.settings = settings;
    this.env = env;
    this.locator = locator;
  }

  /** Starts a browser and its chromedriver; {@code bidi}: ask for a BiDi session too. */
  BrowserSession launch(boolean headless, boolean bidi) throws BrowserUnavailableException {
    Path driverPath = locator.driver();
    Optional<Path> shell = headless ? locator.headlessShell() : Optional.empty();
    Path binary = shell.isPresent() ? shell.get() : locator.browser();
    boolean isShell = shell.isPresent() || BrowserLocator.isHeadlessShell(binary);
    Path profile;
    try {
      profile = Files.createTempDirectory("login-harness-profile-");
    } catch (IOException e) {
      throw new BrowserUnavailableException(
          "cannot create a temporary browser profile: " + e.getMessage(), e);
    }
    ChromeOptions options = ChromeOptionsFactory.options(settings, headless, bidi);
    options.setBinary(binary.toFile());
    if (isShell) {
      // chromedriver opens the shell's first page only when told it is the shell; as "chrome"
      // it waits for a window the shell never opens ("unable to discover open pages").
      options.setCapability(CapabilityType.BROWSER_NAME, ChromeOptionsFactory.HEADLESS_SHELL);
    }
    options.addArguments("--user-data-dir=" + profile);
    if (isRoot()) {
      // Chromium refuses to start its sandbox as root (containers, CI).
      options.addArguments("--no-sandbox");
    }
    Map<String, String> display = displayEnvironment();
    if (!headless && display.isEmpty()) {
      BrowserSession.deleteTree(profile);
      throw new BrowserUnavailableException(
          "a visible (headful) browser needs a display, and "
              + "neither DISPLAY nor WAYLAND_DISPLAY is set; log in headless, or run under xvfb-run");
    }
    ByteArrayOutputStream log = Chromedrivers.logBuffer();
    Duration startTimeout = settings.driverStartTimeout();
    ChromeDriverService service = Chromedrivers.service(driverPath, display, log, startTimeout);
    long start = System.nanoTime();
    ChromeDriver driver;
    try {
      Chromedrivers.start(service, driverPath, startTimeout);
      driver = new ChromeDriver(service, options);
    } catch (WebDriverException e) {
      service.stop();
      abandon(profile);
      throw new BrowserUnavailableException(
          "could not start Chromium "
              + binary
              + " with "
              + driverPath
              + ": "
              + Browsers.firstLine(e),
          e);
    } catch (BrowserUnavailableException driverNeverAnswered) {
      abandon(profile);
      throw driverNeverAnswered;
    }
    Duration launch = Duration.ofNanos(System.nanoTime() - start);
    Optional<ProcessHandle> driverProcess = Chromedrivers.process(service);
    Optional<ProcessHandle> browserProcess = browserPid(driver).flatMap(ProcessHandle::of);
    return new BrowserSession(
        driver,
        driver.getCapabilities().getCapability("webSocketUrl") != null,
        false,
        launch,
        Optional.of(profile),
        driverProcess,
        browserProcess,
        log);
  }

  /** What a session that failed to start leaves besides its driver: a browser, the profile. */
  private static void abandon(Path profile) {
    // chromedriver kills the browser it started when the session fails; when browser.binary is
    // a script that runs Chromium without exec, Chromium itself lives on under PID 1. It is
    // the only process using this fresh profile.
    Processes.usingProfile(profile).forEach(ProcessHandle::destroyForcibly);
    BrowserSession.deleteTree(profile);
  }

  private static Optional<Long> browserPid(ChromeDriver driver) {
    Object pid = driver.getCapabilities().getCapability("goog:processID");
    return pid instanceof Number n ? Optional.of(n.longValue()) : Optional.empty();
  }

  /** The display variables of this harness's environment, which may differ from the JVM's. */
  private Map<String, String> displayEnvironment() {
    Map<String, String> display = new HashMap<>();
    for (String var : List.of("DISPLAY", "WAYLAND_DISPLAY", "XAUTHORITY")) {
      String value = env.get(var);
      if (value != null && !value.isBlank()) {
        display.put(var, value);
      }
    }
    display
        .keySet()
        .retainAll(
            display.containsKey("DISPLAY") || display.containsKey("WAYLAND_DISPLAY")
                ? display.keySet()
                : Set.of());
    return display;
  }

  private static boolean isRoot() {
    return ProcessHandle.current().info().user().map("root"::equals).orElse(false);
  }
}
