package dev.loginharness.browser;

import dev.loginharness.browser.PageModel.Page;
import dev.loginharness.secret.Redact;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The heuristic loop: on each page, answer what the page model says is asked — a one-time code, a
 * password (with the username beside it), a username, a consent button — submit, and wait for the
 * page to move on, until the callback. A page asking again for what was answered is a rejection; a
 * challenge ends the login at once.
 */
final class PageByPage {
  private static final int MAX_PAGES = 10;

  private final PageWaits waits;
  private final Answers answers;
  private final Consumer<String> onStep;

  PageByPage(PageWaits waits, Answers answers, Consumer<String> onStep) {
    this.waits = waits;
    this.answers = answers;
    this.onStep = onStep;
  }

  /**
   * @param expecting what the first page's timeout says was missing
   */
  void run(String expecting) throws LoginPageException, ChallengeException {
    for (int step = 0; step < MAX_PAGES; step++) {
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
      if (p.otp() != null) {
        if (answers.otpSent()) {
          throw answers.rejected("one-time code page", p);
        }
        answers.otp(p.otp(), () -> Redact.url(p.url()));
        submittedFrom = p.otp();
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
        expecting = "after the password: no next page";
      } else if (p.user() != null) {
        if (answers.usernameSent()) {
          throw answers.rejected("username page", p);
        }
        answers.username(p.user());
        submittedFrom = p.user();
        expecting = "password page: no password field";
      } else {
        onStep.accept("consent");
        p.consent().click();
        waits.change(p.consent());
        continue;
      }
      submit(p, submittedFrom);
      waits.change(submittedFrom);
    }
    throw new LoginPageException(
        "gave up after " + MAX_PAGES + " login pages without reaching the callback");
  }

  /** The page's submit hint, else the field's form's submit button, else Enter in the field. */
  private static void submit(Page page, WebElement field) {
    if (page.submit() != null) {
      page.submit().click();
      return;
    }
    List<WebElement> buttons =
        field.findElements(
            By.xpath(
                "./ancestor::form//*[self::button[not(@type) or @type='submit'] or self::input[@type='submit']]"));
    for (WebElement button : buttons) {
      if (button.isDisplayed() && button.isEnabled()) {
        button.click();
        return;
      }
    }
    field.sendKeys(Keys.ENTER);
  }
}
