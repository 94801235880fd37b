package dev.loginharness.browser;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the executables a local session needs, as {@code drivers.properties} says: the browser, the
 * headless shell, and chromedriver (at a path, or from WebDriverManager when {@code
 * mode=webdrivermanager}).
 */
final class BrowserLocator {
  private static final List<String> BROWSER_NAMES =
      List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome");

  /**
   * Debian's /usr/bin/chromium-headless-shell is a script that runs this binary as its child
   * without exec; the binary itself is preferred so that the browser's process id is the one
   * chromedriver reports and the session's clean-up kills.
   */
  private static final List<Path> HEADLESS_SHELL_PATHS =
      List.of(Path.of("/usr/lib/chromium/chromium-headless-shell"));

  private static final List<String> HEADLESS_SHELL_NAMES =
      List.of("chromium-headless-shell", "chrome-headless-shell");

  /** Hosts WebDriverManager downloads from; checked first so an offline machine fails at once. */
  private static final List<String> WDM_HOSTS =
      List.of("googlechromelabs.github.io", "storage.googleapis.com");

  private final DriverSettings settings;
  private final Map<String, String> env;

  BrowserLocator(DriverSettings settings, Map<String, String> env) {
    this.settings = settings;
    this.env = env;
  }

  /** chromedriver: {@code driver.path} or found, or with {@code mode=webdrivermanager} fetched. */
  Path driver() throws BrowserUnavailableException {
    return settings.mode() == DriverSettings.Mode.WEBDRIVERMANAGER
        ? downloadDriver()
        : resolveDriver();
  }

  Path browser() throws BrowserUnavailableException {
    if (settings.browserBinary().isPresent()) {
      return configured(settings.browserBinary().get(), "browser.binary", "--browser-binary", "");
    }
    return findExecutable(List.of(Path.of("/usr/bin/chromium")), BROWSER_NAMES)
        .orElseThrow(
            () ->
                new BrowserUnavailableException(
                    "no Chromium found at /usr/bin/chromium or on PATH ("
                        + String.join(", ", BROWSER_NAMES)
                        + "); run scripts/install-browser or set "
                        + "browser.binary in drivers.properties"));
  }

  /**
   * The headless shell for a headless session, if {@code headless.shell} asks for one: the given
   * path, or with {@code auto} an installed one — but only while {@code browser.binary} is not set,
   * since a chosen browser may not match the shell's version or chromedriver's.
   */
  Optional<Path> headlessShell() throws BrowserUnavailableException {
    DriverSettings.HeadlessShell shell = settings.headlessShell();
    if (shell.path().isPresent()) {
      return Optional.of(
          configured(
              shell.path().get(),
              "headless.shell",
              "--headless-shell",
              "; auto finds an installed one, none uses the full browser"));
    }
    if (!shell.auto() || settings.browserBinary().isPresent()) {
      return Optional.empty();
    }
    return findExecutable(HEADLESS_SHELL_PATHS, HEADLESS_SHELL_NAMES);
  }

  /**
   * Google names it chrome-headless-shell, Debian chromium-headless-shell, older builds
   * headless_shell.
   */
  static boolean isHeadlessShell(Path binary) {
    String name = binary.getFileName().toString();
    return name.contains("headless-shell") || name.contains("headless_shell");
  }

  private Path resolveDriver() throws BrowserUnavailableException {
    if (settings.driverPath().isPresent()) {
      return configured(settings.driverPath().get(), "driver.path", "--driver-path", "");
    }
    return findExecutable(List.of(Path.of("/usr/bin/chromedriver")), List.of("chromedriver"))
        .orElseThrow(
            () ->
                new BrowserUnavailableException(
                    "no chromedriver found at "
                        + "/usr/bin/chromedriver or on PATH; run scripts/install-browser or set driver.path "
                        + "in drivers.properties"));
  }

  /**
   * {@code given}, the value of {@code key}, if it is an executable file. A directory is not:
   * {@link Files#isExecutable} says yes to one that can be entered, and chromedriver would fail on
   * it later with a message that names neither the setting nor the path.
   */
  private static Path configured(Path given, String key, String flag, String hint)
      throws BrowserUnavailableException {
    if (!isExecutableFile(given)) {
      throw new BrowserUnavailableException(
          key
              + " "
              + given
              + " is not an executable file (drivers.properties, "
              + DriverSettings.ENV.get(key)
              + " or "
              + flag
              + ")"
              + hint);
    }
    return given;
  }

  private static boolean isExecutableFile(Path path) {
    return Files.isRegularFile(path) && Files.isExecutable(path);
  }

  private Optional<Path> findExecutable(List<Path> preferred, List<String> names) {
    return findExecutable(preferred, names, env.getOrDefault("PATH", ""));
  }

  /** The first executable file of {@code preferred}, else of {@code names} along {@code path}. */
  static Optional<Path> findExecutable(List<Path> preferred, List<String> names, String path) {
    for (Path p : preferred) {
      if (isExecutableFile(p)) {
        return Optional.of(p);
      }
    }
    for (String name : names) {
      for (String dir : path.split(File.pathSeparator)) {
        if (!dir.isEmpty() && isExecutableFile(Path.of(dir, name))) {
          return Optional.of(Path.of(dir, name));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * mode=webdrivermanager: lets WebDriverManager find or download a matching chromedriver. It needs
   * the internet, so the download hosts are probed first with a short timeout: offline, the user
   * gets one clear line at once instead of a long hang.
   */
  private Path downloadDriver() throws BrowserUnavailableException {
    List<String> hosts =
        Optional.ofNullable(env.get("LOGIN_HARNESS_WDM_PROBE")).map(List::of).orElse(WDM_HOSTS);
    for (String host : hosts) {
      if (!reachable(host)) {
        throw new BrowserUnavailableException(
            "mode=webdrivermanager needs the internet, but "
                + host
                + " is unreachable from this machine; set mode=system and driver.path in "
                + "drivers.properties (Debian: apt-get install chromium chromium-driver)");
      }
    }
    try {
      io.github.bonigarcia.wdm.WebDriverManager wdm =
          io.github.bonigarcia.wdm.WebDriverManager.chromedriver().timeout(30).avoidShutdownHook();
      settings.browserBinary().ifPresent(p -> wdm.browserVersionDetectionCommand(p + " --version"));
      wdm.setup();
      return Path.of(wdm.getDownloadedDriverPath());
    } catch (RuntimeException e) {
      throw new BrowserUnavailableException(
          "WebDriverManager could not provide chromedriver: "
              + e.getMessage()
              + "; set mode=system in drivers.properties",
          e);
    }
  }

  private static boolean reachable(String hostPort) {
    String host = hostPort;
    int port = 443;
    int colon = hostPort.lastIndexOf(':');
    if (colon > 0) {
      host = hostPort.substring(0, colon);
      port = Integer.parseInt(hostPort.substring(colon + 1));
    }
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 2000);
      return true;
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }
}
