package dev.loginharness.api;

/**
 * A headless login met a step only a person can take (captcha, device confirmation, a code with no
 * source).
 */
public final class ChallengeRequired extends HarnessException {
  ChallengeRequired(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public Kind kind() {
    return Kind.CHALLENGE_REQUIRED;
  }
}
