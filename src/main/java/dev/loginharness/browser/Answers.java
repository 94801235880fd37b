package dev.loginharness.browser;

import dev.loginharness.browser.PageModel.Page;
import dev.loginharness.secret.Redact;
import dev.loginharness.secret.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.HasCdp;

/**
 * Types the credentials into a login, one way for the profile's steps and the page-by-page loop
 * alike, and remembers what was sent: a page asking again for what was already sent means the
 * provider rejected it. Error text read back from the page is shown without any value typed.
 */
final class Answers {
  /**
   * Focuses a field and selects what it holds, so that inserted text replaces it. False when the
   * field did not take the focus (an inert one, say): the text would go wherever the focus is.
   */
  private static final String FOCUS =
      """
      const field = arguments[0];
      field.focus();
      if (field.getRootNode().activeElement !== field) return false;
      if (typeof field.select === 'function') field.select();
      return true;""";

  private static final String HOLDS = "return arguments[0].value === arguments[1];";

  private final WebDriver driver;
  private final FormHints.Typing typing;
  private final Credentials credentials;
  private final Consumer<String> onStep;
  private final List<Secret> typedSecrets = new ArrayList<>();
  private boolean usernameSent;
  private boolean passwordSent;
  private boolean otpSent;

  Answers(
      WebDriver driver, FormHints.Typing typing, Credentials credentials, Consumer<String> onStep) {
    this.driver = driver;
    this.typing = typing;
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

  /**
   * Puts the value in the field as Playwright's {@code fill} does, where the browser speaks CDP:
   * focus it, select what it holds, and insert the whole text ({@code Input.insertText}), which
   * fires a trusted {@code beforeinput} and {@code input} as a paste would, but no key events.
   * Three light round trips, where chromedriver's clear and {@code sendKeys} took two heavy ones,
   * dispatching keydown, keypress and keyup for every character (measured against Keycloak's form:
   * 240 ms for its username and password typed, about 100 inserted). A field that does not take the
   * focus gets nothing inserted; one that refuses or rewrites inserted text — a "no pasting"
   * password field, an input mask — ends up holding something else. Either is then cleared and
   * typed key by key, as a person would, and so is every field of a browser without CDP (a Grid
   * session) or of a profile that says {@code "typing": "keys"}.
   */
  private void type(WebElement field, String value) {
    if (typing == FormHints.Typing.INSERT && driver instanceof HasCdp cdp && !value.isEmpty()) {
      try {
        JavascriptExecutor page = (JavascriptExecutor) driver;
        if (Boolean.TRUE.equals(page.executeScript(FOCUS, field))) {
          cdp.executeCdpCommand("Input.insertText", Map.of("text", value));
          if (Boolean.TRUE.equals(page.executeScript(HOLDS, field, value))) {
            return;
          }
        }
      } catch (WebDriverException notInsertable) {
        // typed key by key below, which reports what is wrong with the field
      }
    }
    field.clear();
    field.sendKeys(value);
  }
}
