package dev.loginharness.browser;

import java.net.URI;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The one place every capture mechanism reports URLs to. Thread-safe and order-independent:
 * whichever matching URL arrives first wins, all later ones are ignored.
 */
final class FirstMatch {
  private final Predicate<String> isCallback;
  private final Consumer<CapturedUrl> onCallback;
  private final AtomicBoolean fired = new AtomicBoolean();

  FirstMatch(Predicate<String> isCallback, Consumer<CapturedUrl> onCallback) {
    this.isCallback = isCallback;
    this.onCallback = onCallback;
  }

  /** Called from event threads with every URL the browser requested or was redirected to. */
  void offer(String url, String via, OptionalLong browserEpochMillis) {
    long now = System.nanoTime();
    if (url == null || fired.get() || !isCallback.test(url)) {
      return;
    }
    if (fired.compareAndSet(false, true)) {
      onCallback.accept(new CapturedUrl(url, via, browserEpochMillis, now));
    }
  }

  /** A redirect's {@code Location}, which may be relative, resolved against the response URL. */
  void offerLocation(String responseUrl, String location, String via, OptionalLong ts) {
    if (location == null || location.isEmpty()) {
      return;
    }
    String target = location;
    try {
      if (!location.contains("://")) {
        target = URI.create(responseUrl).resolve(location).toString();
      }
    } catch (IllegalArgumentException unparseable) {
      // keep it as it came; the matcher decides
    }
    offer(target, via, ts);
  }

  boolean fired() {
    return fired.get();
  }
}
