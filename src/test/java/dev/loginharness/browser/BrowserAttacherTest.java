package dev.loginharness.browser;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.SessionNotCreatedException;

/**
 * Which failures to attach a chromedriver are worth a fresh chromedriver ({@link
 * BrowserAttacher#attach}).
 */
class BrowserAttacherTest {
  @Test
  void aChromedriverThatHungUpIsToldFromOneThatRefused() {
    // What Selenium throws when chromedriver dies mid-request, and when it answers with an error.
    assertTrue(
        BrowserAttacher.hungUp(
            new SessionNotCreatedException(
                "Could not start a new session.",
                new UncheckedIOException(
                    new IOException("HTTP/1.1 header parser received no bytes")))));
    assertFalse(
        BrowserAttacher.hungUp(
            new SessionNotCreatedException(
                "session not created: cannot connect to chrome at localhost:9222")));
  }
}
