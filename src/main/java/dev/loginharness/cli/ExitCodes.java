package dev.loginharness.cli;

import dev.loginharness.api.HarnessException;
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
