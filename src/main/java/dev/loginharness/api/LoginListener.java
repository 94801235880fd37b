package dev.loginharness.api;

/**
 * Hears what a person watching the harness should know. Both methods do nothing by default; the
 * command line prints them on stderr. They may be called from the harness's own threads — when
 * minting, from several at once — and must not block for long: a login is waiting.
 */
public interface LoginListener {
  /** Hears nothing. */
  LoginListener SILENT = new LoginListener() {};

  /**
   * One line, ready to print (it starts with {@code login-harness: }): a warning (the implicit
   * grant, a provider without a revocation endpoint), where a debug bundle was written, a headless
   * login handed over to a visible browser. Never a secret.
   */
  default void notice(String line) {}

  /** After each successful browser login, how long its phases took. */
  default void loginFinished(LoginTimeline timeline) {}
}
