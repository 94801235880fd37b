package dev.loginharness.browser;

import dev.loginharness.browser.DriverSettings.CaptureKind;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Watches the browser's network traffic for the request to the redirect URI and hands the first
 * match to a consumer, on the thread that delivered the event — so the token request can leave
 * the instant the browser sends the callback, with no polling loop in between.
 *
 * <p>Implementations see every request (passive listeners only: a blocking intercept would
 * deadlock Selenium's single BiDi thread). Events may arrive out of order and the same code may
 * arrive twice (Pixiv's https hop and the {@code pixiv://} target); the consumer is called once.
 */
public interface CallbackCapture extends AutoCloseable {

  /** Which mechanism this is, for the timeline. */
  String mechanism();

  @Override
  void close();

  /**
   * Attaches a capture to a running session: BiDi when the session has it, else CDP, else the
   * performance log — or exactly the kind {@code requested} names.
   */
  static CallbackCapture attach(BrowserSession session, CaptureKind requested,
      Predicate<String> isCallback, Consumer<CapturedUrl> onCallback)
      throws BrowserUnavailableException {
    FirstMatch sink = new FirstMatch(isCallback, onCallback);
    return switch (requested) {
      case BIDI -> BidiCapture.attach(session, sink);
      case CDP -> CdpCapture.attach(session, sink);
      case PERFLOG -> PerfLogCapture.attach(session, sink);
      case AUTO -> {
        if (session.hasBidi()) {
          yield BidiCapture.attach(session, sink);
        }
        try {
          yield CdpCapture.attach(session, sink);
        } catch (BrowserUnavailableException noCdp) {
          yield PerfLogCapture.attach(session, sink);
        }
      }
    };
  }
}
