package dev.loginharness.browser;

import dev.loginharness.browser.DriverSettings.CaptureKind;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Watches the browser's network traffic for the request to the redirect URI and hands the first
 * match to a consumer, on the thread that delivered the event — so the token request can leave the
 * instant the browser sends the callback, with no polling loop in between.
 *
 * <p>Implementations see every request (passive listeners only: a blocking intercept would deadlock
 * Selenium's single BiDi thread). Events may arrive out of order and the same code may arrive twice
 * (Pixiv's https hop and the {@code pixiv://} target); the consumer is called once.
 */
public interface CallbackCapture extends AutoCloseable {

  /** Which mechanism this is, for the timeline. */
  String mechanism();

  @Override
  void close();

  /**
   * Attaches a capture to a running session — exactly the kind {@code requested} names, or for
   * {@code AUTO}: BiDi and CDP side by side when the session has both (CDP is faster, BiDi is the
   * one that also works through a Grid), either one alone, else the performance log.
   */
  static CallbackCapture attach(
      BrowserSession session,
      CaptureKind requested,
      Predicate<String> isCallback,
      Consumer<CapturedUrl> onCallback,
      NetworkLog log)
      throws BrowserUnavailableException {
    FirstMatch sink = new FirstMatch(isCallback, onCallback);
    return switch (requested) {
      case BIDI -> BidiCapture.attach(session, sink, log);
      case CDP -> CdpCapture.attach(session, sink, log);
      case PERFLOG -> PerfLogCapture.attach(session, sink, log);
      case AUTO -> auto(session, sink, log);
    };
  }

  private static CallbackCapture auto(BrowserSession session, FirstMatch sink, NetworkLog log)
      throws BrowserUnavailableException {
    java.util.List<CallbackCapture> parts = new java.util.ArrayList<>();
    if (session.hasBidi()) {
      parts.add(BidiCapture.attach(session, sink, log));
    }
    if (session.cdpEndpoint().isPresent()) {
      try {
        parts.add(
            CdpCapture.attach(session, sink, parts.isEmpty() ? log : NetworkLog.discarding()));
      } catch (BrowserUnavailableException cdpRefused) {
        if (parts.isEmpty()) {
          throw cdpRefused;
        }
      }
    }
    if (parts.isEmpty()) {
      return PerfLogCapture.attach(session, sink, log);
    }
    return parts.size() == 1 ? parts.get(0) : new CompositeCapture(parts);
  }
}
