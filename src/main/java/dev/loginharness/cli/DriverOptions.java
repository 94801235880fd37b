package dev.loginharness.cli;

import dev.loginharness.api.ConfigurationError;
import dev.loginharness.api.DriverOverrides;
import dev.loginharness.api.LoginHarness;
import dev.loginharness.browser.DriverSettings.CaptureKind;
import dev.loginharness.browser.DriverSettings.Mode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** Flags that override drivers.properties; shared by every command that starts a browser. */
final class DriverOptions {
  @Option(
      names = "--drivers-file",
      paramLabel = "FILE",
      description = "Driver settings (default: $LOGIN_HARNESS_DRIVERS, else ./drivers.properties).")
  Path driversFile;

  @Option(
      names = "--driver-mode",
      paramLabel = "MODE",
      description = "system | webdrivermanager | remote (drivers.properties key: mode).")
  String mode;

  @Option(names = "--browser-binary", paramLabel = "PATH", description = "Chromium executable.")
  Path browserBinary;

  @Option(names = "--driver-path", paramLabel = "PATH", description = "chromedriver executable.")
  Path driverPath;

  @Option(
      names = "--browser-arg",
      paramLabel = "FLAG",
      description = "Extra Chromium flag; repeatable.")
  List<String> browserArgs = new ArrayList<>();

  @Option(
      names = "--remote-url",
      paramLabel = "URL",
      description = "Selenium Grid URL (mode remote).")
  String remoteUrl;

  @Option(
      names = "--capture",
      paramLabel = "KIND",
      description =
          "auto | bidi | cdp | perflog: how the callback is seen (default auto: BiDi and CDP race; the performance log when neither is available).")
  String capture;

  @Option(
      names = "--headless-shell",
      paramLabel = "auto|none|PATH",
      description =
          "Which browser headless logins run: auto (default: Chromium's headless shell when installed), none (the full browser), or the shell's path.")
  String headlessShell;

  /** Sets the drivers file and the overrides these flags give on {@code harness}. */
  LoginHarness.Builder applyTo(LoginHarness.Builder harness)
      throws UsageException, ConfigurationError {
    DriverOverrides.Builder overrides = DriverOverrides.builder();
    if (mode != null) {
      overrides.mode(parse(Mode.class, mode, "--driver-mode"));
    }
    if (browserBinary != null) {
      overrides.browserBinary(browserBinary);
    }
    if (driverPath != null) {
      overrides.driverPath(driverPath);
    }
    browserArgs.forEach(overrides::browserArg);
    if (remoteUrl != null) {
      overrides.remoteUrl(remoteUrl);
    }
    if (capture != null) {
      overrides.capture(parse(CaptureKind.class, capture, "--capture"));
    }
    if (headlessShell != null) {
      overrides.headlessShell(headlessShell);
    }
    if (driversFile != null) {
      harness.drivers(driversFile);
    }
    return harness.driverOverrides(overrides.build());
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String value, String flag)
      throws UsageException {
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          flag
              + " must be one of "
              + Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT)
              + ", not '"
              + value
              + "'");
    }
  }
}
