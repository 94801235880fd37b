package dev.loginharness.flow;

/**
 * A headless login reached a step only a person can take (captcha, device confirmation, a code with
 * no source). Exit code 6: run the login headful, or give the harness what it lacks. A kind of
 * failed login, so every caller that handles those handles this one too.
 */
public class HumanStepNeededException extends LoginFailedException {
  private final String kind;

  public HumanStepNeededException(String kind, String message) {
    super(message);
    this.kind = kind;
  }

  public String kind() {
    return kind;
  }
}
