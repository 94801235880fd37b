package dev.loginharness.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.loginharness.secret.Secret;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;

/**
 * How the form filler types, in a real headless Chromium: the whole value inserted at once, as the
 * page's own trusted {@code input} events show it, wherever the field is (document, shadow root,
 * frame); key by key where a field refuses inserted text or a profile says {@code keys}; and
 * nothing inserted where the field does not take the focus. Each page logs the events its fields
 * receive as {@code type:isTrusted:inputType}.
 */
@Tag("e2e")
class AnswersE2ETest {
  private static final String PASSWORD = "pw-0123-secret";

  /** Logs the events of every field in this document and its open shadow roots. */
  private static final String LOG_EVENTS =
      """
      <script>
      window.events = [];
      const log = e => events.push(e.type + ':' + e.isTrusted + ':' + (e.inputType || ''));
      for (const t of ['keydown', 'beforeinput', 'input']) document.addEventListener(t, log, true);
      </script>""";

  /** What a field's page logs for one insert: a trusted beforeinput and input, no keys. */
  private static final List<String> ONE_INSERT =
      List.of("beforeinput:true:insertText", "input:true:insertText");

  @RegisterExtension static final HeadlessPages browser = new HeadlessPages();

  @AfterEach
  void backToTheTop() {
    driver().switchTo().defaultContent();
  }

  @Test
  void theWholeValueReplacesWhatTheFieldHeldAsTrustedInputWithoutKeyStrokes() {
    browser.open(LOG_EVENTS + "<input id=u name=username value='someone@old.example'>");
    WebElement field = driver().findElement(By.id("u"));

    answers().username(field);

    assertEquals("alice", field.getAttribute("value"));
    assertEquals(ONE_INSERT, events(), "one trusted insertion, no keys");
  }

  @Test
  void aFieldThatRefusesInsertedTextIsTypedKeyByKey() {
    // A "no pasting" password field: text arriving more than one character at a time is refused.
    browser.open(
        LOG_EVENTS
            + """
            <input id=p type=password>
            <script>
            document.getElementById('p').addEventListener('beforeinput', e => {
              if (e.data && e.data.length > 1) e.preventDefault();
            });
            </script>""");
    WebElement field = driver().findElement(By.id("p"));

    answers().password(field);

    assertEquals(PASSWORD, field.getAttribute("value"));
    assertEquals(
        PASSWORD.length(), trustedKeydowns(), "a trusted keydown per character: " + events());
  }

  @Test
  void aProfileThatSaysKeysGetsEveryFieldTypedKeyByKey() {
    browser.open(LOG_EVENTS + "<input id=u name=username>");
    WebElement field = driver().findElement(By.id("u"));

    answers(FormHints.Typing.KEYS).username(field);

    assertEquals("alice", field.getAttribute("value"));
    assertEquals(
        "alice".length(), trustedKeydowns(), "a trusted keydown per character: " + events());
  }

  @Test
  void nothingIsInsertedWhereTheFieldDoesNotTakeTheFocus() {
    // The password field sits in an inert part of the page (behind a modal, say): focus() leaves
    // the focus in the username field, and an insert would add the password to the username.
    browser.open("<input id=u name=username><div inert><input id=p type=password></div>");
    WebElement user = driver().findElement(By.id("u"));
    Answers answers = answers();
    answers.username(user);

    try {
      answers.password(driver().findElement(By.id("p")));
    } catch (WebDriverException keysRefusedToo) {
      // chromedriver cannot type into it either; what matters is where the password did not go
    }

    assertEquals("alice", user.getAttribute("value"));
  }

  @Test
  void aFieldInAnOpenShadowRootGetsTheValueInserted() {
    browser.open(
        LOG_EVENTS
            + """
            <x-login></x-login>
            <script>
            document.querySelector('x-login').attachShadow({mode: 'open'}).innerHTML =
                '<input id=u name=username>';
            </script>""");
    WebElement field =
        (WebElement)
            ((JavascriptExecutor) driver())
                .executeScript(
                    "return document.querySelector('x-login').shadowRoot.getElementById('u')");

    answers().username(field);

    assertEquals("alice", field.getAttribute("value"));
    assertEquals(ONE_INSERT, events());
  }

  @Test
  void aFieldInASameOriginFrameGetsTheValueInserted() {
    browser.open(
        "<iframe id=f srcdoc=\""
            + LOG_EVENTS.replace("'", "&#39;").replace("\"", "&quot;")
            + "<input id=u name=username>\"></iframe>");
    driver().switchTo().frame(driver().findElement(By.id("f")));
    WebElement field = driver().findElement(By.id("u"));

    answers().username(field);

    assertEquals("alice", field.getAttribute("value"));
    assertEquals(ONE_INSERT, events());
  }

  private static Answers answers() {
    return answers(FormHints.Typing.INSERT);
  }

  private static Answers answers(FormHints.Typing typing) {
    return new Answers(driver(), typing, new Credentials("alice", Secret.of(PASSWORD)), step -> {});
  }

  @SuppressWarnings("unchecked")
  private static List<String> events() {
    return (List<String>) ((JavascriptExecutor) driver()).executeScript("return window.events");
  }

  private static long trustedKeydowns() {
    return events().stream().filter(e -> e.equals("keydown:true:")).count();
  }

  private static WebDriver driver() {
    return browser.driver();
  }
}
