package dev.loginharness.browser;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loginharness.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The form filler on pages that go nowhere, in a real headless Chromium: a submit after which
 * nothing happens is told apart from a slow server well before the step timeout.
 */
@Tag("e2e")
class FormFillerE2ETest {
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);

  private static BrowserSession session;

  @BeforeAll
  static void launch() throws BrowserUnavailableException {
    session = new Browsers(DriverSettings.defaults(), System.getenv()).launch(true);
  }

  @AfterAll
  static void close() {
    if (session != null) {
      session.close();
    }
  }

  @Test
  void aSubmitAfterWhichNothingHappensEndsTheLoginLongBeforeTheStepTimeout() {
    open(
        """
        <form onsubmit="return false"><input name=username><input type=password name=password>
        <button>Sign in</button></form>""");
    long start = System.nanoTime();

    LoginPageException e =
        assertThrows(
            LoginPageException.class,
            () ->
                new FormFiller(session.driver(), FormHints.NONE, STEP_TIMEOUT)
                    .fill(new Credentials("alice", Secret.of("pw-0123")), () -> false));

    long ms = (System.nanoTime() - start) / 1_000_000;
    assertTrue(
        e.getMessage()
            .startsWith("password page: nothing happened within 3 s of submitting (no page load,"),
        e.getMessage());
    assertTrue(ms < STEP_TIMEOUT.toMillis() / 3, "gave up after " + ms + " ms");
  }

  @Test
  void aSubmitThatChangesThePageIsWaitedForEvenWhenNoPageLoads() {
    // The script answers after 4 s (more than the 3 s of nothing) but shows a spinner at once.
    open(
        """
        <form onsubmit="document.getElementById('s').textContent = 'Signing in…';
          setTimeout(() => { document.getElementById('s').outerHTML = '<p role=alert>Wrong password.</p>'; }, 4000);
          return false"><input name=username><input type=password name=password>
        <button>Sign in</button><span id=s></span></form>""");

    LoginPageException e =
        assertThrows(
            LoginPageException.class,
            () ->
                new FormFiller(session.driver(), FormHints.NONE, STEP_TIMEOUT)
                    .fill(new Credentials("alice", Secret.of("pw-0123")), () -> false));

    assertTrue(
        e.getMessage().startsWith("password page: rejected by the provider: Wrong password."),
        e.getMessage());
  }

  private static void open(String html) {
    session
        .driver()
        .get(
            "data:text/html;base64,"
                + Base64.getEncoder()
                    .encodeToString(
                        ("<!doctype html><html><body>" + html + "</body></html>")
                            .getBytes(StandardCharsets.UTF_8)));
  }
}
