package dev.loginharness.browser;

import dev.loginharness.browser.PageModel.Page;
import dev.loginharness.secret.Redact;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;

/**
 * The form filler's polling waits, each bounded by the step timeout and each ended at once by the
 * callback: for a profile step's element, for a page that asks something, for a page to move on.
 */
final class PageWaits {
  private static final Duration POLL = Duration.ofMillis(50);

  private final WebDriver driver;
  private final FormHints hints;
  private final Duration stepTimeout;
  private final Consumer<String> onStep;
  private final BooleanSupplier callbackSeen;

  PageWaits(
      WebDriver driver,
      FormHints hints,
      Duration stepTimeout,
      Consumer<String> onStep,
      BooleanSupplier callbackSeen) {
    this.driver = driver;
    this.hints = hints;
    this.stepTimeout = stepTimeout;
    this.onStep = onStep;
    this.callbackSeen = callbackSeen;
  }

  /**
   * Waits for a profile step's element to be visible; empty when the callback came first. A
   * challenge appearing meanwhile ends the wait, as it would in the page-by-page loop.
   */
  Optional<WebElement> stepElement(FormHints.Step step, int number)
      throws LoginPageException, ChallengeException {
    long deadline = System.nanoTime() + stepTimeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (callbackSeen.getAsBoolean()) {
        return Optional.empty();
      }
      try {
        for (WebElement candidate : driver.findElements(By.cssSelector(step.selector()))) {
          if (candidate.isDisplayed() && candidate.isEnabled()) {
            return Optional.of(candidate);
          }
        }
      } catch (WebDriverException pageChanging) {
        // navigation in progress; look again
      }
      Optional<Page> page = look();
      if (page.isPresent() && !page.get().challenge().isEmpty()) {
        throw new ChallengeException(page.get().challenge(), Redact.url(page.get().url()));
      }
      pause();
    }
    if (callbackSeen.getAsBoolean()) {
      return Optional.empty();
    }
    onStep.accept("timeout");
    throw new LoginPageException(
        "login step "
            + number
            + " ("
            + step
            + "): no visible element after "
            + stepTimeout.toSeconds()
            + " s at "
            + currentUrl());
  }

  /**
   * Waits for a page that asks for something (a field, a consent button, a challenge); empty when
   * the callback came first.
   *
   * @param expecting what the failure says was missing
   */
  Optional<Page> actionablePage(String expecting) throws LoginPageException {
    long deadline = System.nanoTime() + stepTimeout.toNanos();
    Page last = null;
    while (System.nanoTime() < deadline) {
      if (callbackSeen.getAsBoolean()) {
        return Optional.empty();
      }
      last = look().orElse(last);
      if (last != null && last.actionable()) {
        return Optional.of(last);
      }
      pause();
    }
    if (callbackSeen.getAsBoolean()) {
      return Optional.empty();
    }
    onStep.accept("timeout");
    throw new LoginPageException(
        expecting
            + " after "
            + stepTimeout.toSeconds()
            + " s"
            + (last == null ? "" : " at " + Redact.url(last.url()))
            + (last == null || last.error().isEmpty()
                ? ""
                : " (the page says: " + last.error() + ")"));
  }

  /**
   * Waits until the page moved on (the element went stale), an error appeared, or the callback
   * came.
   */
  void change(WebElement from) {
    long deadline = System.nanoTime() + stepTimeout.toNanos();
    while (System.nanoTime() < deadline && !callbackSeen.getAsBoolean()) {
      try {
        from.isEnabled();
      } catch (StaleElementReferenceException moved) {
        return;
      } catch (WebDriverException gone) {
        return;
      }
      Optional<Page> now = look();
      if (now.isPresent() && (!now.get().error().isEmpty() || !now.get().challenge().isEmpty())) {
        return;
      }
      pause();
    }
  }

  /** The current page's address, redacted, or "(unknown page)" while there is none. */
  String currentUrl() {
    try {
      return Redact.url(driver.getCurrentUrl());
    } catch (WebDriverException e) {
      return "(unknown page)";
    }
  }

  private Optional<Page> look() {
    return PageModel.read(driver, hints);
  }

  private static void pause() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
