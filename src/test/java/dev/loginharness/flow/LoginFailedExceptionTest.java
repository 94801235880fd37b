package dev.loginharness.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loginharness.browser.ChallengeException;
import org.junit.jupiter.api.Test;

/** The failed-login family keeps its causes, and says when only a new login can help. */
class LoginFailedExceptionTest {
  /** A subclass sets its cause after construction: the base must leave it unset. */
  @Test
  void aHumanStepCarriesTheChallengeAsItsCause() {
    ChallengeException captcha = new ChallengeException("captcha", "http://127.0.0.1/login");

    HumanStepNeededException e = new HumanStepNeededException(captcha);

    assertSame(captcha, e.getCause());
    assertEquals("captcha", e.kind());
    assertFalse(e.loginNeeded());
  }

  @Test
  void aNeededLoginSaysSoAndOnlyWhy() {
    LoginFailedException e = LoginFailedException.loginNeeded("no tokens stored for p/a");

    assertTrue(e.loginNeeded());
    assertEquals("no tokens stored for p/a", e.getMessage());
  }
}
