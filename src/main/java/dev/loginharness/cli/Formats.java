package dev.loginharness.cli;

import java.util.Locale;

final class Formats {
  private Formats() {}

  static TokenOutput parse(String format) throws UsageException {
    try {
      return TokenOutput.valueOf(format.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          "--format must be one of " + TokenOutput.names() + ", not '" + format + "'");
    }
  }
}
