package dev.loginharness.browser;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.openqa.selenium.WebElement;

/**
 * The profile's explicit {@code login.steps}, done first and in order: each waits for its own
 * element, then fills it or clicks it. What they type counts as sent for the page-by-page loop that
 * follows.
 */
final class ProfileSteps {
  private final List<FormHints.Step> steps;
  private final PageWaits waits;
  private final Answers answers;
  private final Consumer<String> onStep;

  ProfileSteps(
      List<FormHints.Step> steps, PageWaits waits, Answers answers, Consumer<String> onStep) {
    this.steps = steps;
    this.waits = waits;
    this.answers = answers;
    this.onStep = onStep;
  }

  /**
   * @return false when the callback came before the steps were done
   */
  boolean run() throws LoginPageException, ChallengeException {
    for (int i = 0; i < steps.size(); i++) {
      FormHints.Step step = steps.get(i);
      Optional<PageWaits.Located> found = waits.stepElement(step, i + 1);
      if (found.isEmpty()) {
        return false;
      }
      WebElement element = found.get().element();
      if (step.action() == FormHints.Step.Action.CLICK) {
        onStep.accept("click");
        element.click();
        if (i == steps.size() - 1) {
          // The page-by-page loop takes over next; it must not mistake this page for the next
          // one. (Between steps no wait is needed: each step waits for its own element.)
          waits.change(element, found.get().frames());
        }
        continue;
      }
      switch (step.value().orElseThrow()) {
        case USERNAME -> answers.username(element);
        case PASSWORD -> answers.password(element);
        case OTP -> answers.otp(element, waits::currentUrl);
      }
    }
    return true;
  }
}
