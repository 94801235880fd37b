package dev.loginharness.flow;

import dev.loginharness.browser.ChallengeException;

/**
 * A headless login reached a step only a person can take (captcha, device confirmation, a code with
 * no source). Exit code 6: run the login headful, or give the harness what it lacks. A kind of
 * failed login, so every caller that handles those handles this one too.
 *
 * <p>The browser's {@link ChallengeException} is the one account of the step (its kind and page);
 * this carries it as its cause across the flow, where failed logins are {@link
 * LoginFailedException}s.
 */
public class HumanStepNeededException extends LoginFailedException {
  private final ChallengeException challenge;

  public HumanStepNeededException(ChallengeException challenge) {
    this(challenge, challenge.getMessage());
  }

  private HumanStepNeededException(ChallengeException challenge, String message) {
    super(message);
    this.challenge = challenge;
    initCause(challenge);
  }

  /** What the step is: {@code captcha}, {@code device-confirmation}, {@code one-time-code}… */
  public String kind() {
    return challenge.kind();
  }

  /** The same step, with why it could not be handed to a person either. */
  HumanStepNeededException because(String detail) {
    return new HumanStepNeededException(challenge, getMessage() + "; " + detail);
  }
}
