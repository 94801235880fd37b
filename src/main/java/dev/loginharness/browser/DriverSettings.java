package dev.loginharness.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Where the browser and its driver come from, read from {@code drivers.properties}. Each key can be
 * overridden by an environment variable and then by a CLI flag (see docs/browsers.md, "Browser and
 * driver"). Nothing here ever downloads anything: in {@code system} mode the paths are explicit, so
 * Selenium Manager is never consulted.
 *
 * @param browserArgs extra Chromium flags, added after the ones the harness always sets
 * @param headlessShell which browser a local headless session runs (see {@link HeadlessShell})
 * @param driverStartTimeout how long a local chromedriver may take to answer before it and every
 *     process it started are killed ({@code driver.start.timeout}, whole seconds)
 */
public record DriverSettings(
    Mode mode,
    Optional<Path> browserBinary,
    Optional<Path> driverPath,
    List<String> browserArgs,
    Optional<String> remoteUrl,
    CaptureKind capture,
    HeadlessShell headlessShell,
    Duration driverStartTimeout) {

  /** {@code driver.start.timeout} when not set. */
  public static final Duration DEFAULT_DRIVER_START_TIMEOUT = Duration.ofSeconds(30);

  /** The largest {@code driver.start.timeout}: ten minutes, a bound that still bounds. */
  private static final long MAX_DRIVER_START_SECONDS = 600;

  /** How a WebDriver session is obtained. */
  public enum Mode {
    /** Local Chromium and chromedriver at explicit paths (default /usr/bin/…, else on PATH). */
    SYSTEM,
    /** WebDriverManager resolves a driver; needs internet and fails fast without it. */
    WEBDRIVERMANAGER,
    /** A Selenium Grid (or any remote end) at {@code remote.url}. */
    REMOTE
  }

  /** Which callback-capture mechanism to use. */
  public enum CaptureKind {
    /**
     * BiDi and CDP side by side, the first to see the callback wins; the performance log when
     * neither works.
     */
    AUTO,
    BIDI,
    CDP,
    PERFLOG
  }

  /**
   * {@code headless.shell}: Chromium's headless-only build ({@code chromium-headless-shell} in
   * Debian, {@code chrome-headless-shell} from Google) for local headless sessions. It lacks the
   * full browser's UI layer and starts in about a third of the CPU time (measured here: 1.2 vs 3.3
   * CPU-seconds per demo login), which is what lets several logins share two cores. Headful
   * sessions always use the full browser.
   *
   * @param auto use the shell when {@code browser.binary} is not set and one is installed
   * @param path the shell to use; empty with {@code auto=false}: never use one ({@code none})
   */
  public record HeadlessShell(boolean auto, Optional<Path> path) {
    public static final HeadlessShell AUTO = new HeadlessShell(true, Optional.empty());
    public static final HeadlessShell NONE = new HeadlessShell(false, Optional.empty());

    public static HeadlessShell at(Path path) {
      return new HeadlessShell(false, Optional.of(path));
    }

    /** {@code auto}, {@code none}, or a path. */
    public static HeadlessShell parse(String value) {
      String v = value.trim();
      return switch (v.toLowerCase(Locale.ROOT)) {
        case "", "auto" -> AUTO;
        case "none" -> NONE;
        default -> at(Path.of(v));
      };
    }
  }

  /** Keys of drivers.properties and the environment variables that override them. */
  static final Map<String, String> ENV =
      Map.of(
          "mode", "LOGIN_HARNESS_DRIVER_MODE",
          "browser.binary", "LOGIN_HARNESS_BROWSER_BINARY",
          "driver.path", "LOGIN_HARNESS_DRIVER_PATH",
          "browser.args", "LOGIN_HARNESS_BROWSER_ARGS",
          "remote.url", "LOGIN_HARNESS_REMOTE_URL",
          "capture", "LOGIN_HARNESS_CAPTURE",
          "headless.shell", "LOGIN_HARNESS_HEADLESS_SHELL",
          "driver.start.timeout", "LOGIN_HARNESS_DRIVER_START_TIMEOUT");

  public DriverSettings {
    browserArgs = List.copyOf(browserArgs);
  }

  public static DriverSettings defaults() {
    return new DriverSettings(
        Mode.SYSTEM,
        Optional.empty(),
        Optional.empty(),
        List.of(),
        Optional.empty(),
        CaptureKind.AUTO,
        HeadlessShell.AUTO,
        DEFAULT_DRIVER_START_TIMEOUT);
  }

  /**
   * drivers.properties from {@code file} if given, else {@code $LOGIN_HARNESS_DRIVERS}, else {@code
   * ./drivers.properties}, else built-in defaults; then the environment on top.
   */
  public static DriverSettings load(Optional<Path> file, Map<String, String> env)
      throws BrowserConfigException {
    Properties props = new Properties();
    Optional<Path> source =
        file.or(() -> Optional.ofNullable(env.get("LOGIN_HARNESS_DRIVERS")).map(Path::of))
            .or(() -> Optional.of(Path.of("drivers.properties")).filter(Files::isRegularFile));
    if (source.isPresent()) {
      try (Reader in = Files.newBufferedReader(source.get())) {
        props.load(in);
      } catch (IOException e) {
        throw new BrowserConfigException(
            "cannot read driver settings " + source.get() + ": " + e.getMessage());
      }
    } else {
      try (InputStream in = DriverSettings.class.getResourceAsStream("/drivers.properties")) {
        if (in != null) {
          props.load(in);
        }
      } catch (IOException ignored) {
        // built-in defaults below still apply
      }
    }
    for (String key : props.stringPropertyNames()) {
      if (!ENV.containsKey(key)) {
        throw new BrowserConfigException(
            "unknown key '"
                + key
                + "' in "
                + source.map(Path::toString).orElse("built-in drivers.properties")
                + " (known: "
                + String.join(", ", new java.util.TreeSet<>(ENV.keySet()))
                + ")");
      }
    }
    ENV.forEach(
        (key, var) -> {
          String value = env.get(var);
          if (value != null && !value.isBlank()) {
            props.setProperty(key, value);
          }
        });
    return fromProperties(props);
  }

  static DriverSettings fromProperties(Properties p) throws BrowserConfigException {
    Mode mode = parseEnum(Mode.class, p.getProperty("mode", "system"), "mode");
    CaptureKind capture = parseEnum(CaptureKind.class, p.getProperty("capture", "auto"), "capture");
    List<String> args = new ArrayList<>();
    String rawArgs = p.getProperty("browser.args", "").trim();
    if (!rawArgs.isEmpty()) {
      args.addAll(Arrays.asList(rawArgs.split("\\s+")));
    }
    Optional<String> remote = nonBlank(p.getProperty("remote.url"));
    if (mode == Mode.REMOTE && remote.isEmpty()) {
      throw new BrowserConfigException(
          "mode=remote needs remote.url (or LOGIN_HARNESS_REMOTE_URL / --remote-url)");
    }
    return new DriverSettings(
        mode,
        nonBlank(p.getProperty("browser.binary")).map(Path::of),
        nonBlank(p.getProperty("driver.path")).map(Path::of),
        args,
        remote,
        capture,
        HeadlessShell.parse(p.getProperty("headless.shell", "auto")),
        parseSeconds(p.getProperty("driver.start.timeout")));
  }

  private static Duration parseSeconds(String value) throws BrowserConfigException {
    Optional<String> given = nonBlank(value);
    if (given.isEmpty()) {
      return DEFAULT_DRIVER_START_TIMEOUT;
    }
    try {
      long seconds = Long.parseLong(given.get());
      if (seconds >= 1 && seconds <= MAX_DRIVER_START_SECONDS) {
        return Duration.ofSeconds(seconds);
      }
    } catch (NumberFormatException e) {
      // the message below
    }
    throw new BrowserConfigException(
        "driver.start.timeout must be a whole number of seconds from 1 to "
            + MAX_DRIVER_START_SECONDS
            + ", not '"
            + given.get()
            + "'");
  }

  /** A copy with CLI-flag overrides applied (empty values leave the setting as it was). */
  public DriverSettings override(
      Optional<Mode> mode,
      Optional<Path> binary,
      Optional<Path> driver,
      List<String> extraArgs,
      Optional<String> remote,
      Optional<CaptureKind> capture) {
    List<String> args = new ArrayList<>(browserArgs);
    args.addAll(extraArgs);
    return new DriverSettings(
        mode.orElse(this.mode),
        binary.or(() -> browserBinary),
        driver.or(() -> driverPath),
        args,
        remote.or(() -> remoteUrl),
        capture.orElse(this.capture),
        headlessShell,
        driverStartTimeout);
  }

  /** A copy with another {@code headless.shell}. */
  public DriverSettings withHeadlessShell(HeadlessShell shell) {
    return new DriverSettings(
        mode,
        browserBinary,
        driverPath,
        browserArgs,
        remoteUrl,
        capture,
        shell,
        driverStartTimeout);
  }

  /** A copy with another {@code driver.start.timeout}. */
  DriverSettings withDriverStartTimeout(Duration timeout) {
    return new DriverSettings(
        mode, browserBinary, driverPath, browserArgs, remoteUrl, capture, headlessShell, timeout);
  }

  private static <E extends Enum<E>> E parseEnum(Class<E> type, String value, String key)
      throws BrowserConfigException {
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BrowserConfigException(
          key
              + " must be one of "
              + Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT)
              + ", not '"
              + value
              + "'");
    }
  }

  private static Optional<String> nonBlank(String s) {
    return Optional.ofNullable(s).map(String::trim).filter(v -> !v.isEmpty());
  }
}
