package dev.loginharness.browser;

import dev.loginharness.browser.PageModel.Page;
import dev.loginharness.secret.Redact;
import dev.loginharness.secret.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.openqa.selenium.WebElement;

/**
 * Types the credentials into a login, one way for the profile's steps and the page-by-page loop
 * alike, and remembers what was sent: a page asking again for what was already sent means the
 * provider rejected it. Error text read back from the page is shown without any value typed.
 */
final class Answers {
  private final Credentials credentials;
  private final Consumer<String> onStep;
  private final List<Secret> typedSecrets = new ArrayList<>();
  private boolean usernameSent;
  private boolean passwordSent;
  private boolean otpSent;

  Answers(Credentials credentials, Consumer<String> onStep) {
    this.credentials = credentials;
    this.onStep = onStep;
    typedSecrets.add(credentials.password());
  }

  void username(WebElement field) {
    type(field, credentials.username());
    usernameSent = true;
    onStep.accept("username");
  }

  /**
   * The username in a field on the password page: part of the password step, not one of its own.
   */
  void usernameBesidePassword(WebElement field) {
    type(field, credentials.username());
  }

  void password(WebElement field) {
    type(field, credentials.password().reveal());
    passwordSent = true;
    onStep.accept("password");
  }

  /**
   * A fresh one-time code.
   *
   * @param url the page's redacted address, for the challenge when there is no code source
   * @throws ChallengeException when the login was given no way to make a code
   * @throws LoginPageException when the code source fails (its command, say)
   */
  void otp(WebElement field, Supplier<String> url) throws ChallengeException, LoginPageException {
    if (credentials.otp().isEmpty()) {
      onStep.accept("one-time-code");
      throw new ChallengeException(
          "one-time code (give --totp-secret-env, --totp-secret-file or --otp-command)", url.get());
    }
    Secret code = credentials.otp().get().next();
    typedSecrets.add(code);
    type(field, code.reveal());
    otpSent = true;
    onStep.accept("one-time-code");
  }

  boolean usernameSent() {
    return usernameSent;
  }

  boolean passwordSent() {
    return passwordSent;
  }

  boolean otpSent() {
    return otpSent;
  }

  /** The provider showed {@code step} again after it was answered. */
  LoginPageException rejected(String step, Page page) {
    return new LoginPageException(
        step
            + ": rejected by the provider: "
            + (page.error().isEmpty()
                ? "the page came back without a message"
                : Redact.text(page.error(), typedSecrets))
            + " (at "
            + Redact.url(page.url())
            + ")");
  }

  private static void type(WebElement field, String value) {
    field.clear();
    field.sendKeys(value);
  }
}
