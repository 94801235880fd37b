package dev.loginharness.cli;

import dev.loginharness.browser.BrowserConfigException;
import dev.loginharness.browser.Browsers;
import dev.loginharness.browser.DriverSettings;
import dev.loginharness.browser.DriverSettings.CaptureKind;
import dev.loginharness.browser.DriverSettings.Mode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Flags that override drivers.properties; shared by every command that starts a browser. */
final class DriverOptions {
  @Option(names = "--drivers-file", paramLabel = "FILE",
      description = "Driver settings (default: $LOGIN_HARNESS_DRIVERS, else ./drivers.properties).")
  Path driversFile;

  @Option(names = "--driver-mode", paramLabel = "MODE",
      description = "system | webdrivermanager | remote (drivers.properties key: mode).")
  String mode;

  @Option(names = "--browser-binary", paramLabel = "PATH", description = "Chromium executable.")
  Path browserBinary;

  @Option(names = "--driver-path", paramLabel = "PATH", description = "chromedriver executable.")
  Path driverPath;

  @Option(names = "--browser-arg", paramLabel = "FLAG",
      description = "Extra Chromium flag; repeatable.")
  List<String> browserArgs = new ArrayList<>();

  @Option(names = "--remote-url", paramLabel = "URL", description = "Selenium Grid URL (mode remote).")
  String remoteUrl;

  @Option(names = "--capture", paramLabel = "KIND",
      description = "auto | bidi | cdp | perflog: how the callback is seen (default auto: BiDi and CDP race; the performance log when neither is available).")
  String capture;

  Browsers browsers() throws BrowserConfigException {
    DriverSettings settings = DriverSettings.load(Optional.ofNullable(driversFile), System.getenv());
    return new Browsers(settings.override(
        parse(Mode.class, mode, "--driver-mode"),
        Optional.ofNullable(browserBinary),
        Optional.ofNullable(driverPath),
        browserArgs,
        Optional.ofNullable(remoteUrl),
        parse(CaptureKind.class, capture, "--capture")), System.getenv());
  }

  private static <E extends Enum<E>> Optional<E> parse(Class<E> type, String value, String flag)
      throws BrowserConfigException {
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Enum.valueOf(type, value.trim().toUpperCase(java.util.Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      throw new BrowserConfigException(flag + " must be one of "
          + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(java.util.Locale.ROOT)
          + ", not '" + value + "'");
    }
  }
}
