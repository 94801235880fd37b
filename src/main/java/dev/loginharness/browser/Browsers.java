package dev.loginharness.browser;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.MalformedURLException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.remote.CapabilityType;
import org.openqa.selenium.remote.RemoteWebDriver;

/**
 * Starts Chromium sessions as {@code drivers.properties} says: local, WebDriverManager, or remote.
 */
public final class Browsers implements BrowserSource {
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

  /** The browserName chromedriver knows the shell by. */
  static final String HEADLESS_SHELL = "chrome-headless-shell";

  /** Hosts WebDriverManager downloads from; checked first so an offline machine fails at once. */
  private static final List<String> WDM_HOSTS =
      List.of("googlechromelabs.github.io", "storage.googleapis.com");

  private static final int LOG_LIMIT = 256 * 1024;

  /** How long chromedrivers that hang up attaching are replaced (see {@link #attach}). */
  static final Duration ATTACH_PATIENCE = Duration.ofSeconds(5);

  /**
   * Selenium logs CDP version mismatches and BiDi chatter (which can include URLs with codes) to
   * stderr; none of it is for users. Held in a field: java.util.logging keeps loggers weakly, and a
   * collected logger would forget the level.
   */
  private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");

  static {
    SELENIUM_LOG.setLevel(Level.OFF);
  }

  private final DriverSettings settings;
  private final Map<String, String> env;

  public Browsers(DriverSettings settings, Map<String, String> env) {
    this.settings = settings;
    this.env = env;
  }

  public DriverSettings settings() {
    return settings;
  }

  /** A browser of the login's own, quit when the lease closes. */
  @Override
  public BrowserLease lease(boolean headless) throws BrowserUnavailableException {
    return BrowserLease.whole(launch(headless));
  }

  /** Starts a browser. {@code headless=false} opens a visible window for a person. */
  public BrowserSession launch(boolean headless) throws BrowserUnavailableException {
    return switch (settings.mode()) {
      case SYSTEM -> launchLocal(headless, resolveDriver());
      case WEBDRIVERMANAGER -> launchLocal(headless, downloadDriver());
      case REMOTE -> launchRemote(headless);
    };
  }

  /**
   * A WebDriver session of its own on a running local browser: a second chromedriver attached to it
   * through {@code goog:chromeOptions.debuggerAddress}. Its commands run alongside those of the
   * browser's own session and of other attached ones (chromedriver runs one command of a session at
   * a time). It has no BiDi; quitting it leaves the browser running.
   *
   * <p>Attaching, chromedriver lists the browser's targets and then attaches to each; a target that
   * closes in between (a tab closed, a frame gone) makes that chromedriver die without an answer
   * (in mint, about one attach in 200: the tab of a login that just ended closes). Such a hang-up
   * is retried with a fresh chromedriver for up to {@link #ATTACH_PATIENCE}; an answer that refuses
   * the session is not retried.
   */
  AttachedDriver attach(BrowserSession session) throws BrowserUnavailableException {
    if (session.isRemote() || settings.mode() == DriverSettings.Mode.REMOTE) {
      throw new BrowserUnavailableException("a browser on a Grid cannot be attached to");
    }
    String endpoint =
        session
            .cdpEndpoint()
            .orElseThrow(
                () ->
                    new BrowserUnavailableException(
                        "the browser exposes no DevTools address to attach to"));
    // goog:chromeOptions.debuggerAddress is host:port; se:cdp a websocket URL on the same.
    String address = endpoint.startsWith("ws") ? URI.create(endpoint).getRawAuthority() : endpoint;
    Path driverPath =
        settings.mode() == DriverSettings.Mode.WEBDRIVERMANAGER
            ? downloadDriver()
            : resolveDriver();
    ChromeOptions options = new ChromeOptions();
    options.setExperimentalOption("debuggerAddress", address);
    if (session.isHeadlessShell()) {
      options.setCapability(CapabilityType.BROWSER_NAME, HEADLESS_SHELL);
    }
    long deadline = System.nanoTime() + ATTACH_PATIENCE.toNanos();
    while (true) {
      ChromeDriverService service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(driverPath.toFile())
              .usingAnyFreePort()
              .withLogOutput(new BoundedBuffer(LOG_LIMIT))
              .build();
      try {
        return new AttachedDriver(new ChromeDriver(service, options), service);
      } catch (WebDriverException e) {
        service.stop();
        if (hungUp(e) && System.nanoTime() < deadline) {
          continue;
        }
        throw new BrowserUnavailableException(
            "could not attach a WebDriver session to the browser "
                + "at "
                + address
                + ": "
                + firstLine(e),
            e);
      }
    }
  }

  /** Whether the driver went away without answering (an I/O error), rather than refusing. */
  static boolean hungUp(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException || t instanceof UncheckedIOException) {
        return true;
      }
    }
    return false;
  }

  private BrowserSession launchLocal(boolean headless, Path driverPath)
      throws BrowserUnavailableException {
    Optional<Path> shell = headless ? resolveHeadlessShell() : Optional.empty();
    Path binary = shell.isPresent() ? shell.get() : resolveBrowser();
    boolean isShell = shell.isPresent() || isHeadlessShell(binary);
    Path profile;
    try {
      profile = Files.createTempDirectory("login-harness-profile-");
    } catch (IOException e) {
      throw new BrowserUnavailableException(
          "cannot create a temporary browser profile: " + e.getMessage(), e);
    }
    ChromeOptions options = options(headless);
    options.setBinary(binary.toFile());
    if (isShell) {
      // chromedriver opens the shell's first page only when told it is the shell; as "chrome"
      // it waits for a window the shell never opens ("unable to discover open pages").
      options.setCapability(CapabilityType.BROWSER_NAME, HEADLESS_SHELL);
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
    ByteArrayOutputStream log = new BoundedBuffer(LOG_LIMIT);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(driverPath.toFile())
            .usingAnyFreePort()
            .withEnvironment(display)
            .withLogOutput(log)
            .build();
    long start = System.nanoTime();
    ChromeDriver driver;
    try {
      driver = new ChromeDriver(service, options);
    } catch (WebDriverException e) {
      service.stop();
      // chromedriver kills the browser it started when the session fails; when browser.binary is
      // a script that runs Chromium without exec, Chromium itself lives on under PID 1. It is
      // the only process using this fresh profile.
      Processes.usingProfile(profile).forEach(ProcessHandle::destroyForcibly);
      BrowserSession.deleteTree(profile);
      throw new BrowserUnavailableException(
          "could not start Chromium " + binary + " with " + driverPath + ": " + firstLine(e), e);
    }
    Duration launch = Duration.ofNanos(System.nanoTime() - start);
    Optional<ProcessHandle> driverProcess = findDriverProcess(service.getUrl().getPort());
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

  /**
   * A session on the Grid at {@code remote.url}. The node owns the browser: its binary and driver
   * come from the node's configuration, and chromedriver gives every session a fresh temporary
   * profile of its own (a {@code --user-data-dir} chosen here would name a directory on the wrong
   * machine). BiDi is used only once it has answered, and CDP only at an address that opens;
   * without either, the capture falls back on the performance log.
   *
   * <p>No {@code Augmenter}: since Selenium 4.49 {@link RemoteWebDriver} is itself {@code HasBiDi}.
   * Augmenting would only add Selenium's version-bound {@code HasDevTools}, which the harness does
   * not use (see CdpCapture), and whose {@code quit()} first opens a DevTools connection through
   * the Grid just to close it.
   */
  private BrowserSession launchRemote(boolean headless) throws BrowserUnavailableException {
    String url = settings.remoteUrl().orElseThrow();
    java.net.URL grid;
    try {
      grid = URI.create(url).toURL();
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new BrowserUnavailableException("remote.url is not a URL: " + url, e);
    }
    ChromeOptions options = options(headless);
    // The node's user is unknown from here, and Grid nodes typically run in containers, often as
    // root or without the user namespaces Chromium's sandbox needs; there it refuses to start
    // without this flag. The browser only ever visits the login pages the harness opens.
    options.addArguments("--no-sandbox");
    long start = System.nanoTime();
    RemoteWebDriver driver;
    try {
      driver = GridConnection.open(grid, options);
    } catch (WebDriverException e) {
      throw new BrowserUnavailableException(
          "no browser session from the Grid at " + url + ": " + firstLine(e), e);
    }
    Duration launch = Duration.ofNanos(System.nanoTime() - start);
    boolean bidi = wantsBidi() && GridConnection.bidiAnswers(driver);
    // With BiDi answering, se:cdp goes through the same Grid websocket proxy and is attached
    // without a probe (a failure there leaves BiDi alone). Without BiDi it would be the only
    // listener, so it must be known to open, or the capture falls back on the performance log.
    Optional<String> cdp =
        Optional.ofNullable(driver.getCapabilities().getCapability("se:cdp"))
            .map(String::valueOf)
            .filter(s -> !s.isBlank());
    if (!bidi && cdp.isPresent() && settings.capture() != DriverSettings.CaptureKind.PERFLOG) {
      cdp = GridConnection.usableCdp(driver.getCapabilities());
    }
    return BrowserSession.remote(driver, bidi, cdp, launch);
  }

  /** capture=auto|bidi: sessions are asked for BiDi. */
  boolean wantsBidi() {
    return settings.capture() == DriverSettings.CaptureKind.AUTO
        || settings.capture() == DriverSettings.CaptureKind.BIDI;
  }

  private ChromeOptions options(boolean headless) {
    ChromeOptions options = new ChromeOptions();
    // BiDi: the passive network listener of capture=auto|bidi. Not asked for otherwise: it
    // starts the chromium-bidi mapper inside the browser, which costs launch time and CPU.
    if (wantsBidi()) {
      options.setCapability("webSocketUrl", true);
    }
    // The performance log is the capture of last resort when BiDi is refused; it must be asked
    // for when the session starts, and costs little when nobody reads it.
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.PERFORMANCE, Level.ALL);
    // The console, for the failure bundle.
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    options.setExperimentalOption(
        "perfLoggingPrefs", Map.of("enableNetwork", true, "enablePage", false));
    List<String> args = new ArrayList<>();
    if (headless) {
      args.add("--headless=new");
      args.add("--window-size=1280,900");
    }
    // Measured here: without these, Chromium phones home (refused on closed networks, many
    // times), updates components, and as root fills /dev/shm.
    args.addAll(
        List.of(
            "--disable-dev-shm-usage",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--no-first-run",
            "--no-default-browser-check",
            "--password-store=basic",
            "--disable-features=Translate"));
    args.addAll(settings.browserArgs());
    options.addArguments(args);
    return options;
  }

  private Path resolveBrowser() throws BrowserUnavailableException {
    if (settings.browserBinary().isPresent()) {
      Path given = settings.browserBinary().get();
      if (!Files.isExecutable(given)) {
        throw new BrowserUnavailableException(
            "browser.binary "
                + given
                + " is not an executable file (drivers.properties, LOGIN_HARNESS_BROWSER_BINARY or --browser-binary)");
      }
      return given;
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
  private Optional<Path> resolveHeadlessShell() throws BrowserUnavailableException {
    DriverSettings.HeadlessShell shell = settings.headlessShell();
    if (shell.path().isPresent()) {
      Path given = shell.path().get();
      if (!Files.isExecutable(given)) {
        throw new BrowserUnavailableException(
            "headless.shell "
                + given
                + " is not an executable "
                + "file (drivers.properties, LOGIN_HARNESS_HEADLESS_SHELL or --headless-shell); "
                + "auto finds an installed one, none uses the full browser");
      }
      return Optional.of(given);
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
      Path given = settings.driverPath().get();
      if (!Files.isExecutable(given)) {
        throw new BrowserUnavailableException(
            "driver.path "
                + given
                + " is not an executable file (drivers.properties, LOGIN_HARNESS_DRIVER_PATH or --driver-path)");
      }
      return given;
    }
    return findExecutable(List.of(Path.of("/usr/bin/chromedriver")), List.of("chromedriver"))
        .orElseThrow(
            () ->
                new BrowserUnavailableException(
                    "no chromedriver found at "
                        + "/usr/bin/chromedriver or on PATH; run scripts/install-browser or set driver.path "
                        + "in drivers.properties"));
  }

  private Optional<Path> findExecutable(List<Path> preferred, List<String> names) {
    for (Path p : preferred) {
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    String path = env.getOrDefault("PATH", "");
    for (String name : names) {
      for (String dir : path.split(File.pathSeparator)) {
        if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
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

  private static Optional<Long> browserPid(ChromeDriver driver) {
    Object pid = driver.getCapabilities().getCapability("goog:processID");
    return pid instanceof Number n ? Optional.of(n.longValue()) : Optional.empty();
  }

  /** chromedriver is our child, started with {@code --port=N}; find it by that port. */
  private static Optional<ProcessHandle> findDriverProcess(int port) {
    String flag = "--port=" + port;
    return ProcessHandle.current()
        .children()
        .filter(p -> p.info().arguments().map(a -> List.of(a).contains(flag)).orElse(false))
        .findFirst();
  }

  /** The display variables of this harness's environment, which may differ from the JVM's. */
  private Map<String, String> displayEnvironment() {
    Map<String, String> display = new java.util.HashMap<>();
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
                : java.util.Set.of());
    return display;
  }

  private static boolean isRoot() {
    return ProcessHandle.current().info().user().map("root"::equals).orElse(false);
  }

  static String firstLine(Throwable e) {
    String message = String.valueOf(e.getMessage());
    int nl = message.indexOf('\n');
    return (nl < 0 ? message : message.substring(0, nl)).trim();
  }

  /** Keeps the first {@code limit} bytes of chromedriver's output and drops the rest. */
  private static final class BoundedBuffer extends ByteArrayOutputStream {
    private final int limit;

    BoundedBuffer(int limit) {
      this.limit = limit;
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      super.write(b, off, Math.max(0, Math.min(len, limit - count)));
    }

    @Override
    public synchronized void write(int b) {
      if (count < limit) {
        super.write(b);
      }
    }
  }
}
