package dev.loginharness.api;

/**
 * The provider did not let the login through: credentials rejected, an error redirect, a state
 * mismatch, a timeout; or no login has produced the tokens asked for ({@link #loginNeeded()}):
 * nothing stored to serve or refresh, tokens of another server or client, a refresh token the
 * provider refused.
 */
public final class LoginFailed extends HarnessException {
  private final String reason;
  private final boolean loginNeeded;

  /** When a login is needed, the message adds to the reason what to call. */
  LoginFailed(String reason, boolean loginNeeded, Throwable cause) {
    super(
        loginNeeded
            ? reason
                + "; log in with LoginHarness.login(), or call token(), which logs in when needed"
            : reason,
        cause);
    this.reason = reason;
    this.loginNeeded = loginNeeded;
  }

  /** Only a new login can help; nothing was sent to the provider. */
  public boolean loginNeeded() {
    return loginNeeded;
  }

  /** The message without the advice on what to call: what a caller with other advice shows. */
  public String reason() {
    return reason;
  }

  @Override
  public Kind kind() {
    return Kind.LOGIN_NEEDED_OR_FAILED;
  }
}
