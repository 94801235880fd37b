package dev.loginharness.browser;

import dev.loginharness.browser.PageModel.Page;
import dev.loginharness.secret.Redact;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
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

  /**
   * How long a page showing nothing to fill but a large frame from another origin is watched before
   * the login stops: long enough for a late-rendered form of its own to show up.
   */
  static final Duration FOREIGN_FRAME_GRACE = Duration.ofMillis(1500);

  /**
   * How long after a submit a page may do nothing at all — no navigation begun, no change to its
   * document, no error shown — before the submit counts as having gone nowhere. A form post or a
   * script's request shows one of these within milliseconds; the server's answer may take the whole
   * step timeout.
   */
  static final Duration NOTHING_HAPPENED = Duration.ofSeconds(3);

  /**
   * Installed just before a submit: notes a navigation beginning (in the frame or the whole window)
   * and any change to the form's document or shadow root.
   */
  static final String ARM =
      """
      const w = window, mark = { leaving: false, changes: 0 };
      w.__loginHarnessSubmit = mark;
      const leaving = () => { mark.leaving = true; };
      w.addEventListener('beforeunload', leaving);
      try { w.top.addEventListener('beforeunload', leaving); } catch (x) {}
      const watch = new MutationObserver(() => { mark.changes++; });
      const options = { subtree: true, childList: true, attributes: true, characterData: true };
      watch.observe(document, options);
      const root = arguments[0] && arguments[0].getRootNode();
      if (root && root !== document) watch.observe(root, options);""";

  private static final String QUIET =
      """
      const mark = window.__loginHarnessSubmit;
      return !!mark && !mark.leaving && mark.changes === 0;""";

  private final WebDriver driver;
  private final FormHints hints;
  private final String username;
  private final Duration stepTimeout;
  private final Consumer<String> onStep;
  private final BooleanSupplier callbackSeen;

  PageWaits(
      WebDriver driver,
      FormHints hints,
      String username,
      Duration stepTimeout,
      Consumer<String> onStep,
      BooleanSupplier callbackSeen) {
    this.driver = driver;
    this.hints = hints;
    this.username = username;
    this.stepTimeout = stepTimeout;
    this.onStep = onStep;
    this.callbackSeen = callbackSeen;
  }

  /**
   * Waits for a profile step's element to be visible; empty when the callback came first. A
   * challenge appearing meanwhile ends the wait, as it would in the page-by-page loop.
   */
  Optional<Located> stepElement(FormHints.Step step, int number)
      throws LoginPageException, ChallengeException {
    long deadline = System.nanoTime() + stepTimeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (callbackSeen.getAsBoolean()) {
        return Optional.empty();
      }
      try {
        List<WebElement> frames = stepFrames(step);
        if (frames != null) {
          for (WebElement candidate : driver.findElements(By.cssSelector(step.selector()))) {
            if (candidate.isDisplayed() && candidate.isEnabled()) {
              return Optional.of(new Located(candidate, frames));
            }
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

  /** An element and the frames it is in, outermost first. */
  record Located(WebElement element, List<WebElement> frames) {}

  /**
   * Switches into the step's frame (the first visible element its {@code frame} selector matches)
   * or to the top document; null while that frame is not there.
   */
  private List<WebElement> stepFrames(FormHints.Step step) {
    driver.switchTo().defaultContent();
    if (step.frame().isEmpty()) {
      return List.of();
    }
    for (WebElement frame : driver.findElements(By.cssSelector(step.frame().get()))) {
      if (frame.isDisplayed()) {
        driver.switchTo().frame(frame);
        return List.of(frame);
      }
    }
    return null;
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
    long foreignSince = 0;
    while (System.nanoTime() < deadline) {
      if (callbackSeen.getAsBoolean()) {
        return Optional.empty();
      }
      Optional<Page> now = look();
      last = now.orElse(last);
      if (last != null && last.actionable()) {
        return Optional.of(last);
      }
      if (now.isEmpty() || now.get().foreignFrame().isEmpty()) {
        foreignSince = 0;
      } else if (foreignSince == 0) {
        foreignSince = System.nanoTime();
      } else if (System.nanoTime() - foreignSince > FOREIGN_FRAME_GRACE.toNanos()) {
        onStep.accept("frame");
        throw new LoginPageException(
            "login page: the form is in a frame from "
                + now.get().foreignFrame()
                + "; use `login.steps` with `frame` (at "
                + Redact.url(now.get().url())
                + ")");
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
   * Marks the page just before a submit, so that {@link #change} can tell a submit that went
   * nowhere. The driver must be in {@code field}'s frame.
   */
  void arm(WebElement field) {
    try {
      ((JavascriptExecutor) driver).executeScript(ARM, field);
    } catch (WebDriverException pageChanging) {
      // the page is already moving on
    }
  }

  /**
   * Waits until the page moved on (the element went stale), an error appeared, or the callback
   * came.
   *
   * @param frames the frames {@code from} is in, outermost first
   * @return false when, {@link #NOTHING_HAPPENED} after a submit {@link #arm}ed the page, nothing
   *     at all has happened; true otherwise (also when the step timeout ran out)
   */
  boolean change(WebElement from, List<WebElement> frames) {
    long start = System.nanoTime();
    long deadline = start + stepTimeout.toNanos();
    while (System.nanoTime() < deadline && !callbackSeen.getAsBoolean()) {
      if (!PageModel.enter(driver, frames)) {
        return true;
      }
      try {
        from.isEnabled();
        if (System.nanoTime() - start > NOTHING_HAPPENED.toNanos()
            && Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript(QUIET))) {
          return false;
        }
      } catch (StaleElementReferenceException moved) {
        return true;
      } catch (org.openqa.selenium.TimeoutException pageHangs) {
        // The submit's page load outlived the step timeout (without BiDi, chromedriver's click
        // does not wait for it; the next command does, and then stops the load).
        throw pageHangs;
      } catch (WebDriverException gone) {
        return true;
      }
      Optional<Page> now = look();
      if (now.isPresent() && (!now.get().error().isEmpty() || !now.get().challenge().isEmpty())) {
        return true;
      }
      pause();
    }
    return true;
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
    return PageModel.read(driver, hints, username);
  }

  private static void pause() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
