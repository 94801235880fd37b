package dev.loginharness.flow;

/**
 * The login did not produce a code: credentials rejected, the provider redirected with {@code
 * error=}, the state did not match, or time ran out; or no login has produced the tokens asked for
 * ({@link #loginNeeded()}). Exit code 3.
 */
public class LoginFailedException extends Exception {
  private final boolean loginNeeded;

  public LoginFailedException(String message) {
    this(message, false);
  }

  public LoginFailedException(String message, Throwable cause) {
    super(message, cause);
    this.loginNeeded = false;
  }

  /** Leaves the cause unset, so that a subclass may still {@link #initCause} it. */
  private LoginFailedException(String message, boolean loginNeeded) {
    super(message);
    this.loginNeeded = loginNeeded;
  }

  /**
   * Nothing usable is stored and only a new login can help. The message says why, and no more: the
   * advice (a method to call, a flag to pass) is the caller's to give, in its own terms.
   */
  public static LoginFailedException loginNeeded(String why) {
    return new LoginFailedException(why, true);
  }

  public boolean loginNeeded() {
    return loginNeeded;
  }
}
