package dev.loginharness.flow;

/**
 * The login did not produce a code: credentials rejected, the provider redirected with {@code
 * error=}, the state did not match, or time ran out. Exit code 3.
 */
public class LoginFailedException extends Exception {
  public LoginFailedException(String message) {
    super(message);
  }
}
