package dev.loginharness.browser;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.openqa.selenium.WebDriver;

/**
 * Fills a provider's login pages in a headless browser, page after page, until the callback has
 * been seen. A small state machine: on each page it looks at what is asked — username, password,
 * one-time code, an "authorize this app?" or "stay signed in?" button — answers it, submits, and
 * waits for the page to change. It works without hints on the common shapes (username and password
 * on one page; username first, password next; a code step after the password) and stops at once,
 * naming the step, when the provider rejects what it typed or shows something only a person can do.
 *
 * <p>The profile's explicit steps run first ({@link ProfileSteps}), then the heuristic loop ({@link
 * PageByPage}), which reads each page through the classifier in {@code page-model.js} ({@link
 * PageModel}); both type through {@link Answers} and wait through {@link PageWaits}.
 */
public final class FormFiller {
  private final WebDriver driver;
  private final FormHints hints;
  private final Duration stepTimeout;
  private final Consumer<String> onStep;

  /**
   * @param onStep told the name of each step just before it is submitted (and of the page the
   *     filler gave up on), so a caller can take a screenshot; never told a value
   */
  public FormFiller(
      WebDriver driver, FormHints hints, Duration stepTimeout, Consumer<String> onStep) {
    this.driver = driver;
    this.hints = hints;
    this.stepTimeout = stepTimeout;
    this.onStep = onStep;
  }

  public FormFiller(WebDriver driver, FormHints hints, Duration stepTimeout) {
    this(driver, hints, stepTimeout, step -> {});
  }

  /**
   * Logs in, returning once {@code callbackSeen} is true.
   *
   * @throws LoginPageException when the provider rejects what was typed, or a step never shows what
   *     it should within the step timeout
   * @throws ChallengeException when a page asks for something only a person can do
   */
  public void fill(Credentials credentials, BooleanSupplier callbackSeen)
      throws LoginPageException, ChallengeException {
    PageWaits waits =
        new PageWaits(driver, hints, credentials.username(), stepTimeout, onStep, callbackSeen);
    Answers answers = new Answers(driver, hints.typing(), credentials, onStep);
    if (!new ProfileSteps(hints.steps(), waits, answers, onStep).run()) {
      return;
    }
    new PageByPage(driver, waits, answers, onStep)
        .run(
            hints.steps().isEmpty()
                ? "login page: no username or password field"
                : "after the profile's login steps: no next page");
  }
}
