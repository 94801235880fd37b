package dev.loginharness.browser;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loginharness.secret.Secret;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The form filler on pages that go nowhere, in a real headless Chromium: a submit after which
 * nothing happens is told apart from a slow server well before the step timeout.
 */
@Tag("e2e")
class FormFillerE2ETest {
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);

  @RegisterExtension static final HeadlessPages browser = new HeadlessPages();

  @Test
  void aSubmitAfterWhichNothingHappensEndsTheLoginLongBeforeTheStepTimeout() {
    browser.open(
        """
        <form onsubmit="return false"><input name=username><input type=password name=password>
        <button>Sign in</button></form>""");
    long start = System.nanoTime();

    LoginPageException e =
        assertThrows(
            LoginPageException.class,
            () ->
                new FormFiller(browser.driver(), FormHints.NONE, STEP_TIMEOUT)
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
    browser.open(
        """
        <form onsubmit="document.getElementById('s').textContent = 'Signing in…';
          setTimeout(() => { document.getElementById('s').outerHTML = '<p role=alert>Wrong password.</p>'; }, 4000);
          return false"><input name=username><input type=password name=password>
        <button>Sign in</button><span id=s></span></form>""");

    LoginPageException e =
        assertThrows(
            LoginPageException.class,
            () ->
                new FormFiller(browser.driver(), FormHints.NONE, STEP_TIMEOUT)
                    .fill(new Credentials("alice", Secret.of("pw-0123")), () -> false));

    assertTrue(
        e.getMessage().startsWith("password page: rejected by the provider: Wrong password."),
        e.getMessage());
  }
}
