package dev.loginharness.browser;

import dev.loginharness.secret.Redact;
import dev.loginharness.secret.Secret;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;

/**
 * Fills a provider's login pages in a headless browser, page after page, until the callback has
 * been seen. A small state machine: on each page it looks at what is asked — username, password,
 * one-time code, an "authorize this app?" or "stay signed in?" button — answers it, submits, and
 * waits for the page to change. It works without hints on the common shapes (username and password
 * on one page; username first, password next; a code step after the password) and stops at once,
 * naming the step, when the provider rejects what it typed or shows something only a person can do.
 *
 * <p>Each look at the page is one JavaScript round trip ({@link #PROBE}) rather than a dozen {@code
 * findElement} calls.
 */
public final class FormFiller {
  private static final Duration POLL = Duration.ofMillis(50);
  private static final int MAX_STEPS = 10;

  /** What to type. {@code otp} is asked only when a page wants a one-time code. */
  public record Login(String username, Secret password, Optional<OtpSource> otp) {
    @Override
    public String toString() {
      return "Login[" + username + ", ***]";
    }
  }

  /** Finds the visible fields, any challenge and any error text on the page. Arguments: hints. */
  static final String PROBE =
      """
      const [hUser, hPass, hOtp, hSubmit, hConsent, hChallenge] = arguments;
      const visible = e => {
        if (!e || e.disabled) return false;
        const r = e.getBoundingClientRect(), s = getComputedStyle(e);
        return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
      };
      const first = sel => { try { return [...document.querySelectorAll(sel)].find(visible) || null; } catch (x) { return null; } };
      const describe = e => [e.name, e.id, e.placeholder, e.getAttribute('aria-label'),
          e.getAttribute('autocomplete')].join(' ');
      const texts = [...document.querySelectorAll('input')].filter(e => visible(e) && !e.readOnly
          && ['text', 'email', 'tel', 'number', ''].includes((e.getAttribute('type') || '').toLowerCase()));

      let challenge = '';
      const frames = [...document.querySelectorAll('iframe')].map(f => (f.src || '') + ' ' + (f.title || ''));
      if (hChallenge && first(hChallenge)) challenge = 'challenge (' + hChallenge + ')';
      else if (frames.some(f => /recaptcha/i.test(f)) || first('.g-recaptcha')) challenge = 'captcha (reCAPTCHA)';
      else if (frames.some(f => /hcaptcha/i.test(f)) || first('.h-captcha')) challenge = 'captcha (hCaptcha)';
      else if (frames.some(f => /challenges\\.cloudflare\\.com|turnstile/i.test(f)) || first('.cf-turnstile'))
        challenge = 'captcha (Cloudflare Turnstile)';
      else if (/verify it.?s you|confirm it.?s you|approve (the |this )?sign.?in request|check your (phone|device)|tap yes on your phone/i
          .test((document.body && document.body.innerText || '').slice(0, 5000)))
        challenge = 'device confirmation';

      const pass = hPass ? first(hPass) : first('input[type=password]');
      let otp = hOtp ? first(hOtp) : null;
      if (!otp && !hOtp && !pass) {
        otp = first('input[autocomplete=one-time-code]') || texts.find(e =>
            /otp|totp|one.?time|mfa|2fa|two.?factor|verification.?code|security.?code|\\bcode\\b/i.test(describe(e))
            || (e.inputMode === 'numeric' && e.maxLength >= 6 && e.maxLength <= 8)) || null;
      }
      let user = hUser ? first(hUser) : null;
      if (!user && !hUser && !otp) {
        const named = /user|email|e-mail|login|account|identifier/i;
        user = first('input[autocomplete^=username]') || first('input[type=email]')
            || texts.find(e => named.test(describe(e)))
            || (pass ? texts.find(e => e.form === pass.form && (e.compareDocumentPosition(pass) & 4)) : null)
            || null;
      }
      let consent = hConsent ? first(hConsent) : null;
      if (!consent && !hConsent && !user && !pass && !otp) {
        // "Authorize this app?", "Stay signed in?": a button whose whole label says yes. Never
        // one that says no, whatever its position in the page.
        const yes = /^(authori[sz]e|allow|approve|accept|continue|yes|grant)( access| app)?$/i;
        const no = /cancel|deny|decline|reject/i;
        consent = [...document.querySelectorAll(
            'button, input[type=submit], input[type=button], a[role=button]')].find(e => {
          const label = (e.innerText || e.value || '').trim();
          return visible(e) && yes.test(label) && !no.test([label, e.name, e.value, e.id].join(' '));
        }) || null;
      }
      const errorSel = '[role=alert], .error, .alert-error, .alert-danger, .error-message, .errors, '
          + '#error, #error-message, .invalid-feedback, .kc-feedback-text, #input-error';
      const errors = [...document.querySelectorAll(errorSel)].filter(visible)
          .map(e => e.innerText.trim()).filter(t => t.length > 0);
      return {
        user: user, pass: pass, otp: otp, consent: consent, challenge: challenge,
        submit: hSubmit ? first(hSubmit) : null,
        error: [...new Set(errors)].join(' ').slice(0, 300),
        url: location.href
      };
      """;

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

  /** A snapshot of what the current page offers. Elements may be null. */
  record Page(
      WebElement user,
      WebElement password,
      WebElement otp,
      WebElement submit,
      WebElement consent,
      String challenge,
      String error,
      String url) {

    boolean actionable() {
      return user != null
          || password != null
          || otp != null
          || consent != null
          || !challenge.isEmpty();
    }
  }

  /**
   * Logs in, returning once {@code callbackSeen} is true.
   *
   * @throws LoginPageException when the provider rejects what was typed, or a step never shows what
   *     it should within the step timeout
   * @throws ChallengeException when a page asks for something only a person can do
   */
  public void fill(Login login, BooleanSupplier callbackSeen)
      throws LoginPageException, ChallengeException {
    List<Secret> secrets = new ArrayList<>(List.of(login.password()));
    String expecting = "login page: no username or password field";
    boolean usernameSent = false;
    boolean passwordSent = false;
    boolean otpSent = false;
    // The profile's explicit steps first; what they typed counts as sent for the checks below.
    for (int i = 0; i < hints.steps().size(); i++) {
      FormHints.Step step = hints.steps().get(i);
      Optional<WebElement> element = awaitStepElement(step, i + 1, callbackSeen);
      if (element.isEmpty()) {
        return;
      }
      if (step.action() == FormHints.Step.Action.CLICK) {
        onStep.accept("click");
        element.get().click();
        if (i == hints.steps().size() - 1) {
          // The page-by-page loop takes over next; it must not mistake this page for the next
          // one. (Between steps no wait is needed: each step waits for its own element.)
          awaitChange(element.get(), callbackSeen);
        }
        continue;
      }
      switch (step.value().orElseThrow()) {
        case USERNAME -> {
          type(element.get(), login.username());
          usernameSent = true;
          onStep.accept("username");
        }
        case PASSWORD -> {
          type(element.get(), login.password().reveal());
          passwordSent = true;
          onStep.accept("password");
        }
        case OTP -> {
          if (login.otp().isEmpty()) {
            throw new ChallengeException(
                "one-time code (give --totp-secret-env, --totp-secret-file " + "or --otp-command)",
                Redact.url(driver.getCurrentUrl()));
          }
          Secret code = login.otp().get().next();
          secrets.add(code);
          type(element.get(), code.reveal());
          otpSent = true;
          onStep.accept("one-time-code");
        }
      }
    }
    if (!hints.steps().isEmpty()) {
      expecting = "after the profile's login steps: no next page";
    }
    for (int step = 0; step < MAX_STEPS; step++) {
      Optional<Page> page = awaitActionablePage(callbackSeen, expecting);
      if (page.isEmpty()) {
        return;
      }
      Page p = page.get();
      String where = " (at " + Redact.url(p.url()) + ")";
      if (!p.challenge().isEmpty()) {
        onStep.accept("challenge");
        throw new ChallengeException(p.challenge(), Redact.url(p.url()));
      }
      WebElement submittedFrom;
      if (p.otp() != null) {
        if (otpSent) {
          throw rejected("one-time code page", p, secrets, where);
        }
        if (login.otp().isEmpty()) {
          onStep.accept("one-time-code");
          throw new ChallengeException(
              "one-time code (give --totp-secret-env, --totp-secret-file " + "or --otp-command)",
              Redact.url(p.url()));
        }
        Secret code = login.otp().get().next();
        secrets.add(code);
        type(p.otp(), code.reveal());
        submittedFrom = p.otp();
        otpSent = true;
        onStep.accept("one-time-code");
        expecting = "after the one-time code: no next page";
      } else if (p.password() != null) {
        if (passwordSent) {
          throw rejected("password page", p, secrets, where);
        }
        if (p.user() != null) {
          type(p.user(), login.username());
        }
        type(p.password(), login.password().reveal());
        submittedFrom = p.password();
        passwordSent = true;
        onStep.accept("password");
        expecting = "after the password: no next page";
      } else if (p.user() != null) {
        if (usernameSent) {
          throw rejected("username page", p, secrets, where);
        }
        type(p.user(), login.username());
        submittedFrom = p.user();
        usernameSent = true;
        onStep.accept("username");
        expecting = "password page: no password field";
      } else {
        onStep.accept("consent");
        p.consent().click();
        awaitChange(p.consent(), callbackSeen);
        continue;
      }
      submit(p, submittedFrom);
      awaitChange(submittedFrom, callbackSeen);
    }
    throw new LoginPageException(
        "gave up after " + MAX_STEPS + " login pages without reaching the callback");
  }

  /**
   * Waits for a profile step's element to be visible; empty when the callback came first. A
   * challenge appearing meanwhile ends the wait, as it would in the page-by-page loop.
   */
  private Optional<WebElement> awaitStepElement(
      FormHints.Step step, int number, BooleanSupplier callbackSeen)
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
      Optional<Page> page = probe();
      if (page.isPresent() && !page.get().challenge().isEmpty()) {
        throw new ChallengeException(page.get().challenge(), Redact.url(page.get().url()));
      }
      pause();
    }
    if (callbackSeen.getAsBoolean()) {
      return Optional.empty();
    }
    onStep.accept("timeout");
    String url;
    try {
      url = Redact.url(driver.getCurrentUrl());
    } catch (WebDriverException e) {
      url = "(unknown page)";
    }
    throw new LoginPageException(
        "login step "
            + number
            + " ("
            + step
            + "): no visible element after "
            + stepTimeout.toSeconds()
            + " s at "
            + url);
  }

  private static LoginPageException rejected(
      String step, Page p, List<Secret> secrets, String where) {
    return new LoginPageException(
        step
            + ": rejected by the provider: "
            + (p.error().isEmpty()
                ? "the page came back without a message"
                : Redact.text(p.error(), secrets))
            + where);
  }

  private Optional<Page> awaitActionablePage(BooleanSupplier callbackSeen, String expecting)
      throws LoginPageException {
    long deadline = System.nanoTime() + stepTimeout.toNanos();
    Page last = null;
    while (System.nanoTime() < deadline) {
      if (callbackSeen.getAsBoolean()) {
        return Optional.empty();
      }
      last = probe().orElse(last);
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
  private void awaitChange(WebElement from, BooleanSupplier callbackSeen) {
    long deadline = System.nanoTime() + stepTimeout.toNanos();
    while (System.nanoTime() < deadline && !callbackSeen.getAsBoolean()) {
      try {
        from.isEnabled();
      } catch (StaleElementReferenceException moved) {
        return;
      } catch (WebDriverException gone) {
        return;
      }
      Optional<Page> now = probe();
      if (now.isPresent() && (!now.get().error().isEmpty() || !now.get().challenge().isEmpty())) {
        return;
      }
      pause();
    }
  }

  private Optional<Page> probe() {
    try {
      Object result =
          ((JavascriptExecutor) driver)
              .executeScript(
                  PROBE,
                  hints.username().orElse(""),
                  hints.password().orElse(""),
                  hints.otp().orElse(""),
                  hints.submit().orElse(""),
                  hints.consent().orElse(""),
                  hints.challenge().orElse(""));
      if (!(result instanceof Map<?, ?> map)) {
        return Optional.empty();
      }
      return Optional.of(
          new Page(
              (WebElement) map.get("user"),
              (WebElement) map.get("pass"),
              (WebElement) map.get("otp"),
              (WebElement) map.get("submit"),
              (WebElement) map.get("consent"),
              String.valueOf(map.get("challenge")),
              String.valueOf(map.get("error")),
              String.valueOf(map.get("url"))));
    } catch (WebDriverException | ClassCastException pageChanging) {
      return Optional.empty();
    }
  }

  private static void type(WebElement field, String value) {
    field.clear();
    field.sendKeys(value);
  }

  private void submit(Page page, WebElement field) {
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

  private static void pause() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
