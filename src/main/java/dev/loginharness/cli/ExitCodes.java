package dev.loginharness.cli;

import dev.loginharness.api.HarnessException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * The one place failures become exit codes (README, "Exit codes"; a test checks that its table
 * lists these). The library's errors are already sorted into the kinds of {@code HarnessException};
 * the command line adds its own usage errors.
 */
final class ExitCodes implements CommandLine.IExitCodeExceptionMapper {
  static final int OK = 0;
  static final int USAGE = 2;
  static final int LOGIN_FAILED = 3;
  static final int TOKEN_ENDPOINT = 4;
  static final int BROWSER_UNAVAILABLE = 5;
  static final int HUMAN_STEP_NEEDED = 6;

  /** A bug in login-harness itself: anything not classified here. sysexits' EX_SOFTWARE. */
  static final int INTERNAL = 70;

  /**
   * The provider failed for now (5xx, 429) or could not be reached in time: try again later.
   * sysexits' EX_TEMPFAIL, as mail and backup tools use it.
   */
  static final int TEMPORARY = 75;

  /** One row of README's "Exit codes" table and of the help's footer. */
  record Meaning(String codes, String text) {}

  /** Every exit code the command line can end with, in order; README's table lists the same. */
  static final List<Meaning> DOCUMENTED =
      List.of(
          new Meaning("0", "ok"),
          new Meaning("2", "usage or configuration error"),
          new Meaning("3", "login failed, or a login is needed"),
          new Meaning("4", "the provider refused (invalid_grant, invalid_client, …)"),
          new Meaning("5", "browser or driver unavailable"),
          new Meaning("6", "a human step is needed (captcha, device confirmation)"),
          new Meaning("70", "internal error: a bug, please report it"),
          new Meaning("75", "temporary failure: the provider failed or could not be reached"),
          new Meaning("129, 130, 143", "stopped by SIGHUP, SIGINT or SIGTERM"));

  /** The help's footer: the table above, and how to see a stack trace. */
  static String[] helpFooter() {
    List<String> lines = new ArrayList<>(List.of("", "Exit codes:"));
    DOCUMENTED.forEach(m -> lines.add(String.format("  %-13s  %s", m.codes(), m.text())));
    lines.add("");
    lines.add("LOGIN_HARNESS_DEBUG=1 adds an error's stack trace and causes (redacted).");
    return lines.toArray(String[]::new);
  }

  @Override
  public int getExitCode(Throwable t) {
    if (t instanceof CommandLine.ParameterException || t instanceof UsageException) {
      return USAGE;
    }
    if (t instanceof HarnessException e) {
      return switch (e.kind()) {
        case CONFIGURATION -> USAGE;
        case LOGIN_NEEDED_OR_FAILED -> LOGIN_FAILED;
        case TOKEN_ENDPOINT_REFUSED -> TOKEN_ENDPOINT;
        case TEMPORARY_FAILURE -> TEMPORARY;
        case BROWSER_UNAVAILABLE -> BROWSER_UNAVAILABLE;
        case CHALLENGE_REQUIRED -> HUMAN_STEP_NEEDED;
      };
    }
    return INTERNAL;
  }
}
