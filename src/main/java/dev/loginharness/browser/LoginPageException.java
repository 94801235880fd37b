package dev.loginharness.browser;

/**
 * The login pages did not let the harness through: the provider rejected the credentials, or a step
 * never showed what it needed. The message names the step and the page, never a secret.
 */
public class LoginPageException extends Exception {
  public LoginPageException(String message) {
    super(message);
  }
}
