package dev.loginharness.api;

import dev.loginharness.browser.DriverSettings;
import dev.loginharness.browser.DriverSettings.CaptureKind;
import dev.loginharness.browser.DriverSettings.Mode;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings that win over {@code drivers.properties} and its environment variables
 * (docs/browsers.md, "Browser and driver"): the same keys, set in code or from command-line flags.
 * Anything not set here keeps the file's or the environment's value. Immutable; made with {@link
 * #builder()}. The choices are the browser package's own ({@link Mode}, {@link CaptureKind}): the
 * same values drivers.properties names.
 */
public final class DriverOverrides {
  private static final DriverOverrides NONE = new DriverOverrides(new Builder());

  private final Optional<Mode> mode;
  private final Optional<Path> browserBinary;
  private final Optional<Path> driverPath;
  private final List<String> browserArgs;
  private final Optional<String> remoteUrl;
  private final Optional<CaptureKind> capture;
  private final Optional<String> headlessShell;

  private DriverOverrides(Builder b) {
    this.mode = Optional.ofNullable(b.mode);
    this.browserBinary = Optional.ofNullable(b.browserBinary);
    this.driverPath = Optional.ofNullable(b.driverPath);
    this.browserArgs = List.copyOf(b.browserArgs);
    this.remoteUrl = Optional.ofNullable(b.remoteUrl);
    this.capture = Optional.ofNullable(b.capture);
    this.headlessShell = Optional.ofNullable(b.headlessShell);
  }

  /** Overrides nothing. */
  public static DriverOverrides none() {
    return NONE;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Optional<Mode> mode() {
    return mode;
  }

  public Optional<Path> browserBinary() {
    return browserBinary;
  }

  public Optional<Path> driverPath() {
    return driverPath;
  }

  /** Chromium flags added after the file's and the harness's own. */
  public List<String> browserArgs() {
    return browserArgs;
  }

  public Optional<String> remoteUrl() {
    return remoteUrl;
  }

  public Optional<CaptureKind> capture() {
    return capture;
  }

  /** {@code auto}, {@code none} or a path, as the {@code headless.shell} key. */
  public Optional<String> headlessShell() {
    return headlessShell;
  }

  /** {@code settings} with every override set here put over it. */
  DriverSettings applyTo(DriverSettings settings) {
    DriverSettings applied =
        settings.override(mode, browserBinary, driverPath, browserArgs, remoteUrl, capture);
    return headlessShell
        .map(shell -> applied.withHeadlessShell(DriverSettings.HeadlessShell.parse(shell)))
        .orElse(applied);
  }

  /** Collects overrides; {@link #build()} checks them. */
  public static final class Builder {
    private Mode mode;
    private Path browserBinary;
    private Path driverPath;
    private final List<String> browserArgs = new ArrayList<>();
    private String remoteUrl;
    private CaptureKind capture;
    private String headlessShell;

    private Builder() {}

    public Builder mode(Mode mode) {
      this.mode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /** The Chromium executable. */
    public Builder browserBinary(Path browserBinary) {
      this.browserBinary = Objects.requireNonNull(browserBinary, "browserBinary");
      return this;
    }

    /** The chromedriver executable. */
    public Builder driverPath(Path driverPath) {
      this.driverPath = Objects.requireNonNull(driverPath, "driverPath");
      return this;
    }

    /** An extra Chromium flag; call once per flag. */
    public Builder browserArg(String flag) {
      browserArgs.add(Objects.requireNonNull(flag, "flag"));
      return this;
    }

    /** The Selenium Grid's URL (used with {@link Mode#REMOTE}, here or in the file). */
    public Builder remoteUrl(String remoteUrl) {
      this.remoteUrl = Objects.requireNonNull(remoteUrl, "remoteUrl");
      return this;
    }

    public Builder capture(CaptureKind capture) {
      this.capture = Objects.requireNonNull(capture, "capture");
      return this;
    }

    /**
     * Which browser headless logins run: {@code auto} (Chromium's headless shell when one is
     * installed and no browser binary is set), {@code none} (the full browser, always), or the
     * shell's path.
     */
    public Builder headlessShell(String autoNoneOrPath) {
      this.headlessShell = Objects.requireNonNull(autoNoneOrPath, "autoNoneOrPath");
      return this;
    }

    /**
     * Checks what can be checked without starting anything: flags that are not blank, and a Grid
     * URL that is an absolute http(s) URL (a typo there would otherwise surface as "browser
     * unavailable" after a connection timeout).
     */
    public DriverOverrides build() throws ConfigurationError {
      for (String flag : browserArgs) {
        if (flag.isBlank()) {
          throw new ConfigurationError("a browser flag is empty", null);
        }
      }
      if (headlessShell != null && headlessShell.isBlank()) {
        throw new ConfigurationError("the headless shell must be auto, none or a path", null);
      }
      if (remoteUrl != null && !isHttpUrl(remoteUrl)) {
        throw new ConfigurationError(
            "the remote URL must be an absolute http(s) URL, not '" + remoteUrl + "'", null);
      }
      return new DriverOverrides(this);
    }
  }

  static boolean isHttpUrl(String value) {
    try {
      URI uri = new URI(value.trim());
      return uri.getHost() != null
          && ("http".equalsIgnoreCase(uri.getScheme())
              || "https".equalsIgnoreCase(uri.getScheme()));
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }
}
