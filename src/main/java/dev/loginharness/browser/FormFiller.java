package dev.loginharness.browser;

import dev.loginharness.secret.Redact;
import dev.loginharness.secret.Secret;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;

/**
 * Fills a provider's login pages in a headless browser, page after page, until the callback has
 * been seen. Works without hints on the common shapes — username and password on one page, or
 * username first and password on the next — and stops at once when the provider rejects the
 * credentials, instead of waiting for a timeout.
 *
 * <p>Each look at the page is one JavaScript round trip ({@link #PROBE}) rather than a dozen
 * {@code findElement} calls: on a login this is most of the time the harness itself spends.
 */
public final class FormFiller {
  private static final Duration POLL = Duration.ofMillis(50);
  private static final int MAX_STEPS = 8;

  /** Finds the visible fields and any error text on the current page. Arguments: the hints. */
  static final String PROBE = """
      const [hUser, hPass, hSubmit, hConsent] = arguments;
      const visible = e => {
        if (!e || e.disabled) return false;
        const r = e.getBoundingClientRect(), s = getComputedStyle(e);
        return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
      };
      const first = sel => { try { return [...document.querySelectorAll(sel)].find(visible) || null; } catch (x) { return null; } };
      const pass = hPass ? first(hPass) : first('input[type=password]');
      let user = hUser ? first(hUser) : null;
      if (!user && !hUser) {
        const texts = [...document.querySelectorAll('input')].filter(e =>
            visible(e) && ['text', 'email', 'tel', ''].includes((e.getAttribute('type') || '').toLowerCase()));
        const named = /user|email|login|account|identifier|e-mail/i;
        user = first('input[autocomplete^=username]') || first('input[type=email]')
            || texts.find(e => named.test([e.name, e.id, e.placeholder, e.getAttribute('aria-label')].join(' ')))
            || (pass ? texts.find(e => e.form === pass.form && (e.compareDocumentPosition(pass) & 4)) : null)
            || null;
      }
      const errorSel = '[role=alert], .error, .alert-error, .alert-danger, .error-message, .errors, '
          + '#error, #error-message, .invalid-feedback, .kc-feedback-text, #input-error';
      const errors = [...document.querySelectorAll(errorSel)].filter(visible)
          .map(e => e.innerText.trim()).filter(t => t.length > 0);
      let consent = hConsent ? first(hConsent) : null;
      if (!consent && !hConsent && !user && !pass) {
        // An "authorize this app?" page: a button whose whole label says yes. Never one that
        // says no, whatever its position in the page.
        const yes = /^(authori[sz]e|allow|approve|accept|continue|yes|grant)( access| app)?$/i;
        const no = /cancel|deny|decline|reject/i;
        consent = [...document.querySelectorAll(
            'button, input[type=submit], input[type=button], a[role=button]')].find(e => {
          const label = (e.innerText || e.value || '').trim();
          return visible(e) && yes.test(label)
              && !no.test([label, e.name, e.value, e.id].join(' '));
        }) || null;
      }
      return {
        user: user, pass: pass,
        submit: hSubmit ? first(hSubmit) : null,
        consent: consent,
        error: [...new Set(errors)].join(' ').slice(0, 300),
        url: location.href
      };
      """;

  private final WebDriver driver;
  private final FormHints hints;
  private final Duration stepTimeout;

  public FormFiller(WebDriver driver, FormHints hints, Duration stepTimeout) {
    this.driver = driver;
    this.hints = hints;
    this.stepTimeout = stepTimeout;
  }

  /**
   * Logs in, returning once {@code callbackSeen} is true.
   *
   * @throws LoginPageException when the provider rejects the credentials or a page never shows
   *     a field the harness can use within the step timeout
   */
  public void fill(String username, Secret password, BooleanSupplier callbackSeen)
      throws LoginPageException {
    List<Secret> secrets = List.of(password);
    boolean passwordSent = false;
    boolean usernameSent = false;
    for (int step = 0; step < MAX_STEPS; step++) {
      Optional<Page> page = awaitActionablePage(callbackSeen, passwordSent ? "after the password" : "login page");
      if (page.isEmpty()) {
        return;
      }
      Page p = page.get();
      if (passwordSent && p.password() != null) {
        throw new LoginPageException("login rejected by the provider: "
            + (p.error().isEmpty() ? "the login form came back without a message" : Redact.text(p.error(), secrets))
            + " (at " + Redact.url(p.url()) + ")");
      }
      WebElement submittedFrom;
      if (p.password() != null) {
        if (p.user() != null) {
          type(p.user(), username);
        }
        type(p.password(), password.reveal());
        submittedFrom = p.password();
        passwordSent = true;
      } else if (p.user() != null && !usernameSent) {
        type(p.user(), username);
        submittedFrom = p.user();
        usernameSent = true;
      } else if (p.consent() != null) {
        p.consent().click();
        awaitChange(p.consent(), callbackSeen);
        continue;
      } else {
        throw new LoginPageException("username step: the page asked for the username again "
            + (p.error().isEmpty() ? "" : "(" + Redact.text(p.error(), secrets) + ") ")
            + "at " + Redact.url(p.url()));
      }
      submit(p, submittedFrom);
      awaitChange(submittedFrom, callbackSeen);
    }
    throw new LoginPageException("gave up after " + MAX_STEPS + " login pages without reaching the callback");
  }

  /** A snapshot of what the current page offers. Any element may be null. */
  record Page(WebElement user, WebElement password, WebElement submit, WebElement consent,
      String error, String url) {}

  private Optional<Page> awaitActionablePage(BooleanSupplier callbackSeen, String step)
      throws LoginPageException {
    long deadline = System.nanoTime() + stepTimeout.toNanos();
    Page last = null;
    while (System.nanoTime() < deadline) {
      if (callbackSeen.getAsBoolean()) {
        return Optional.empty();
      }
      last = probe().orElse(last);
      if (last != null && (last.password() != null || last.user() != null || last.consent() != null)) {
        return Optional.of(last);
      }
      pause();
    }
    if (callbackSeen.getAsBoolean()) {
      return Optional.empty();
    }
    throw new LoginPageException(step + ": no username, password or consent control after "
        + stepTimeout.toSeconds() + " s" + (last == null ? "" : " at " + Redact.url(last.url())));
  }

  /** Waits until the page moved on (the element went stale), an error appeared, or the callback came. */
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
      if (now.isPresent() && !now.get().error().isEmpty()) {
        return;
      }
      pause();
    }
  }

  @SuppressWarnings("unchecked")
  private Optional<Page> probe() {
    try {
      Object result = ((JavascriptExecutor) driver).executeScript(PROBE,
          hints.username().orElse(""), hints.password().orElse(""),
          hints.submit().orElse(""), hints.consent().orElse(""));
      if (!(result instanceof Map<?, ?> map)) {
        return Optional.empty();
      }
      return Optional.of(new Page((WebElement) map.get("user"), (WebElement) map.get("pass"),
          (WebElement) map.get("submit"), (WebElement) map.get("consent"),
          String.valueOf(map.get("error")), String.valueOf(map.get("url"))));
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
    List<WebElement> buttons = field.findElements(org.openqa.selenium.By.xpath(
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
