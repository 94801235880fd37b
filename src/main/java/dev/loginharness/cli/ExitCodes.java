package dev.loginharness.cli;

import dev.loginharness.api.BrowserUnavailable;
import dev.loginharness.api.ChallengeRequired;
import dev.loginharness.api.ConfigurationError;
import dev.loginharness.api.LoginFailed;
import dev.loginharness.api.TokenEndpointError;
import picocli.CommandLine;

/**
 * The one place failures become exit codes (README, "Exit codes"). The library's errors are already
 * sorted into the five kinds of {@code HarnessException}; the command line adds its own usage
 * errors.
 */
final class ExitCodes implements CommandLine.IExitCodeExceptionMapper {
  static final int OK = 0;
  static final int USAGE = 2;
  static final int LOGIN_FAILED = 3;
  static final int TOKEN_ENDPOINT = 4;
  static final int BROWSER_UNAVAILABLE = 5;
  static final int HUMAN_STEP_NEEDED = 6;

  /** A bug in login-harness itself: anything not classified above. */
  static final int INTERNAL = 70;

  @Override
  public int getExitCode(Throwable t) {
    if (t instanceof ConfigurationError
        || t instanceof CommandLine.ParameterException
        || t instanceof UsageException) {
      return USAGE;
    }
    if (t instanceof LoginFailed) {
      return LOGIN_FAILED;
    }
    if (t instanceof TokenEndpointError) {
      return TOKEN_ENDPOINT;
    }
    if (t instanceof BrowserUnavailable) {
      return BROWSER_UNAVAILABLE;
    }
    if (t instanceof ChallengeRequired) {
      return HUMAN_STEP_NEEDED;
    }
    return INTERNAL;
  }
}
