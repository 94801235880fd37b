package dev.loginharness.browser;

import dev.loginharness.browser.PageModel.Page;
import dev.loginharness.secret.Redact;
import java.util.Optional;
import java.util.function.Consumer;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;

/**
 * The heuristic loop: on each page, answer what the page model says is asked — a one-time code, a
 * password (with the username beside it), a username, an account picker's tile, a consent button —
 * tick a required "I agree to the terms" box, submit, and wait for the page to move on, until the
 * callback. A page asking again for what was answered is a rejection; a challenge ends the login at
 * once, and so does a submit after which nothing at all happens.
 */
final class PageByPage {
  private static final int MAX_PAGES = 10;

  /**
   * Arms the page ({@link PageWaits#ARM}) and finds the form's first visible, enabled submit
   * button, whatever tree (document, shadow root) it is in: one round trip where arming, finding
   * and checking the button took four.
   */
  private static final String ARM_AND_FIND_SUBMIT =
      PageWaits.ARM
          + """

          const f = arguments[0].form;
          if (!f) return null;
          return [...f.elements].find(e => e.type === 'submit' && !e.disabled
              && e.getClientRects().length > 0
              && getComputedStyle(e).visibility !== 'hidden') || null;""";

  private final WebDriver driver;
  private final PageWaits waits;
  private final Answers answers;
  private final Consumer<String> onStep;

  PageByPage(WebDriver driver, PageWaits waits, Answers answers, Consumer<String> onStep) {
    this.driver = driver;
    this.waits = waits;
    this.answers = answers;
    this.onStep = onStep;
  }

  /**
   * @param expecting what the first page's timeout says was missing
   */
  void run(String expecting) throws LoginPageException, ChallengeException {
    for (int pages = 0; pages < MAX_PAGES; pages++) {
      Optional<Page> page = waits.actionablePage(expecting);
      if (page.isEmpty()) {
        return;
      }
      Page p = page.get();
      if (!p.challenge().isEmpty()) {
        onStep.accept("challenge");
        throw new ChallengeException(p.challenge(), Redact.url(p.url()));
      }
      WebElement submittedFrom;
      String step;
      if (p.otp() != null) {
        if (answers.otpSent()) {
          throw answers.rejected("one-time code page", p);
        }
        answers.otp(p.otp(), () -> Redact.url(p.url()));
        submittedFrom = p.otp();
        step = "one-time code page";
        expecting = "after the one-time code: no next page";
      } else if (p.password() != null) {
        if (answers.passwordSent()) {
          throw answers.rejected("password page", p);
        }
        if (p.user() != null) {
          answers.usernameBesidePassword(p.user());
        }
        answers.password(p.password());
        submittedFrom = p.password();
        step = "password page";
        expecting = "after the password: no next page";
      } else if (p.user() != null) {
        if (answers.usernameSent()) {
          throw answers.rejected("username page", p);
        }
        answers.username(p.user());
        submittedFrom = p.user();
        step = "username page";
        expecting = "password page: no password field";
      } else if (p.account() != null) {
        onStep.accept("account");
        p.account().click();
        waits.change(p.account(), p.frames());
        expecting = "after choosing an account: no next page";
        continue;
      } else {
        onStep.accept("consent");
        p.consent().click();
        waits.change(p.consent(), p.frames());
        continue;
      }
      if (p.agree() != null) {
        onStep.accept("terms");
        tick(p.agree());
      }
      if (p.keepSignedIn() != null) {
        onStep.accept("keep-signed-in");
        tick(p.keepSignedIn());
      }
      submit(p, submittedFrom);
      if (!waits.change(submittedFrom, p.frames())) {
        onStep.accept("no-change");
        throw new LoginPageException(
            step
                + ": nothing happened within "
                + PageWaits.NOTHING_HAPPENED.toSeconds()
                + " s of submitting (no page load, no change, no error shown) at "
                + Redact.url(p.url()));
      }
    }
    throw new LoginPageException(
        "gave up after " + MAX_PAGES + " login pages without reaching the callback");
  }

  /** Clicks a checkbox; through the page's script when its box is drawn by a label instead. */
  private void tick(WebElement box) {
    try {
      box.click();
    } catch (WebDriverException covered) {
      ((JavascriptExecutor) driver).executeScript("arguments[0].click()", box);
    }
  }

  /**
   * Arms the page for {@link PageWaits#change} and submits it: the page's submit hint, else the
   * field's form's submit button, else Enter in the field. The click is WebDriver's, a trusted one.
   */
  private void submit(Page page, WebElement field) {
    if (page.submit() != null) {
      waits.arm(field);
      page.submit().click();
      return;
    }
    Object button;
    try {
      button = ((JavascriptExecutor) driver).executeScript(ARM_AND_FIND_SUBMIT, field);
    } catch (WebDriverException pageChanging) {
      return; // the page is already moving on, as arm() found before
    }
    if (button instanceof WebElement b) {
      try {
        b.click();
        return;
      } catch (ElementNotInteractableException covered) {
        // drawn over or not clickable after all: Enter submits the form as well
      }
    }
    field.sendKeys(Keys.ENTER);
  }
}
