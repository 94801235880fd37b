package dev.loginharness.cli;

import picocli.CommandLine.ArgGroup;

/** Groups the driver flags under their own heading in {@code --help}. */
final class DriverOptionsMixin {
  @ArgGroup(validate = false, heading = "%nBrowser and driver (override drivers.properties):%n")
  DriverOptions options = new DriverOptions();
}
