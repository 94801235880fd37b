package dev.loginharness.cli;

import dev.loginharness.browser.BrowserConfigException;
import dev.loginharness.browser.BrowserUnavailableException;
import dev.loginharness.flow.LoginFailedException;
import dev.loginharness.oauth.TokenEndpointException;
import dev.loginharness.provider.ConfigException;
import picocli.CommandLine;

/** The one place failures become exit codes (README, "Exit codes"). */
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
    if (t instanceof ConfigException || t instanceof BrowserConfigException
        || t instanceof dev.loginharness.store.StoreException
        || t instanceof CommandLine.ParameterException || t instanceof UsageException) {
      return USAGE;
    }
    if (t instanceof dev.loginharness.flow.HumanStepNeededException) {
      return HUMAN_STEP_NEEDED;
    }
    if (t instanceof LoginFailedException) {
      return LOGIN_FAILED;
    }
    if (t instanceof TokenEndpointException) {
      return TOKEN_ENDPOINT;
    }
    if (t instanceof BrowserUnavailableException) {
      return BROWSER_UNAVAILABLE;
    }
    return INTERNAL;
  }
}
