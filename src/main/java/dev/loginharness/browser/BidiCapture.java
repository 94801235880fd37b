package dev.loginharness.browser;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.bidi.module.Network;
import org.openqa.selenium.bidi.network.BaseParameters;
import org.openqa.selenium.bidi.network.Header;
import org.openqa.selenium.bidi.network.ResponseDetails;

/**
 * WebDriver BiDi's network module, passive listeners only. Three events, because each callback
 * shape shows up in a different one: an http(s) redirect URI is a request ({@code
 * beforeRequestSent}), a custom scheme is never requested but appears in the previous response's
 * {@code Location} header ({@code responseStarted}) and, in Chromium, as a failed fetch ({@code
 * fetchError}). In a shared browser ({@link SharedBrowser}) only the login's own tab is listened
 * to: its frames and popups are not (the CDP capture of capture=auto watches its popups).
 */
final class BidiCapture implements CallbackCapture {
  private final Network network;

  /**
   * Set on close. Selenium's {@code Network.close()} leaves the fetchError listener registered on
   * the session; in a browser that serves other logins (SharedBrowser) it must hear nothing.
   */
  private final AtomicBoolean closed;

  /** The login's tab of a shared browser: the subscription must end with the login. */
  private final boolean shared;

  private BidiCapture(Network network, AtomicBoolean closed, boolean shared) {
    this.network = network;
    this.closed = closed;
    this.shared = shared;
  }

  static BidiCapture attach(BrowserSession session, FirstMatch sink, NetworkLog log)
      throws BrowserUnavailableException {
    if (!session.hasBidi()) {
      throw new BrowserUnavailableException(
          "capture=bidi, but the browser session has no BiDi connection (webSocketUrl)");
    }
    AtomicBoolean closed = new AtomicBoolean();
    // In a shared browser, the other logins' tabs are heard too: only this login's tab counts.
    Optional<String> tab = session.tab().map(BrowserSession.Tab::context);
    Predicate<BaseParameters> deaf =
        e -> closed.get() || tab.isPresent() && !tab.get().equals(e.getBrowsingContextId());
    try {
      Network network =
          tab.isPresent()
              ? new Network(Set.of(tab.get()), session.bidiDriver())
              : new Network(session.bidiDriver());
      network.onBeforeRequestSent(
          e -> {
            if (deaf.test(e)) {
              return;
            }
            sink.offer(e.getRequest().getUrl(), "bidi:beforeRequestSent", timestamp(e));
            log.request(
                "bidi:" + e.getRequest().getRequestId() + ":" + e.getRedirectCount(),
                e.getRequest().getMethod(),
                e.getRequest().getUrl(),
                e.getTimestamp());
          });
      network.onResponseStarted(
          e -> {
            if (deaf.test(e)) {
              return;
            }
            log.response(
                "bidi:" + e.getRequest().getRequestId() + ":" + e.getRedirectCount(),
                e.getResponseData().getStatus());
            String location = location(e);
            if (location != null) {
              sink.offerLocation(
                  e.getResponseData().getUrl(), location, "bidi:responseStarted", timestamp(e));
            }
          });
      network.onFetchError(
          e -> {
            if (deaf.test(e)) {
              return;
            }
            sink.offer(e.getRequest().getUrl(), "bidi:fetchError", timestamp(e));
            log.response("bidi:" + e.getRequest().getRequestId() + ":" + e.getRedirectCount(), -1);
          });
      return new BidiCapture(network, closed, tab.isPresent());
    } catch (WebDriverException e) {
      throw new BrowserUnavailableException(
          "BiDi network module unavailable: " + Browsers.firstLine(e), e);
    }
  }

  private static String location(ResponseDetails e) {
    int status = e.getResponseData().getStatus();
    if (status < 300 || status >= 400) {
      return null;
    }
    for (Header h : e.getResponseData().getHeaders()) {
      if (h.getName().equalsIgnoreCase("location")) {
        return h.getValue().getValue();
      }
    }
    return null;
  }

  private static OptionalLong timestamp(BaseParameters e) {
    long ts = e.getTimestamp();
    return ts > 0 ? OptionalLong.of(ts) : OptionalLong.empty();
  }

  @Override
  public String mechanism() {
    return "bidi";
  }

  @Override
  public void close() {
    closed.set(true);
    if (!shared) {
      // The browser is the login's own and is killed next: unsubscribing (a round trip through
      // chromedriver and the BiDi mapper, 300–500 ms of every login here) would change nothing.
      return;
    }
    try {
      network.close();
    } catch (RuntimeException sessionAlreadyGone) {
      // the browser is being torn down anyway
    }
  }
}
