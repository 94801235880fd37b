package dev.loginharness.browser;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.devtools.Command;
import org.openqa.selenium.devtools.DevTools;
import org.openqa.selenium.devtools.Event;
import org.openqa.selenium.devtools.HasDevTools;
import org.openqa.selenium.json.Json;

/**
 * Chrome DevTools Protocol fallback. Raw, untyped {@code Network.*} commands and events rather
 * than Selenium's generated per-version classes: those exist only for a few Chromium releases
 * (v151–v153 in selenium 4.49) while Debian ships whatever is current, and the few fields read
 * here have not changed in years.
 */
final class CdpCapture implements CallbackCapture {
  private final DevTools devTools;

  private CdpCapture(DevTools devTools) {
    this.devTools = devTools;
  }

  static CdpCapture attach(BrowserSession session, FirstMatch sink)
      throws BrowserUnavailableException {
    Optional<DevTools> maybe = session.driver() instanceof HasDevTools has
        ? safely(has) : Optional.empty();
    if (maybe.isEmpty()) {
      throw new BrowserUnavailableException("capture=cdp, but this session offers no DevTools connection");
    }
    DevTools devTools = maybe.get();
    try {
      devTools.createSessionIfThereIsNotOne();
      devTools.addListener(event("Network.requestWillBeSent"), params -> {
        OptionalLong ts = wallTime(params);
        Map<?, ?> redirect = (Map<?, ?>) params.get("redirectResponse");
        if (redirect != null) {
          sink.offerLocation(String.valueOf(redirect.get("url")), header(redirect, "location"),
              "cdp:redirectResponse", ts);
        }
        Map<?, ?> request = (Map<?, ?>) params.get("request");
        if (request != null) {
          Object url = request.get("url");
          String fragment = (String) request.get("urlFragment");
          sink.offer(url + (fragment == null ? "" : fragment), "cdp:requestWillBeSent", ts);
        }
      });
      devTools.send(new Command<>("Network.enable", Map.of()));
      return new CdpCapture(devTools);
    } catch (WebDriverException | ClassCastException e) {
      throw new BrowserUnavailableException("CDP network events unavailable: " + Browsers.firstLine(e), e);
    }
  }

  private static Optional<DevTools> safely(HasDevTools has) {
    try {
      return has.maybeGetDevTools();
    } catch (WebDriverException e) {
      return Optional.empty();
    }
  }

  @SuppressWarnings("unchecked")
  private static Event<Map<String, Object>> event(String method) {
    return new Event<>(method, input -> (Map<String, Object>) input.read(Json.MAP_TYPE));
  }

  private static String header(Map<?, ?> response, String name) {
    Object headers = response.get("headers");
    if (headers instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (name.equalsIgnoreCase(String.valueOf(e.getKey()))) {
          return String.valueOf(e.getValue());
        }
      }
    }
    return null;
  }

  private static OptionalLong wallTime(Map<String, Object> params) {
    Object wall = params.get("wallTime");
    return wall instanceof Number n ? OptionalLong.of((long) (n.doubleValue() * 1000)) : OptionalLong.empty();
  }

  @Override
  public String mechanism() {
    return "cdp";
  }

  @Override
  public void close() {
    try {
      devTools.clearListeners();
      devTools.disconnectSession();
    } catch (RuntimeException sessionAlreadyGone) {
      // the browser is being torn down anyway
    }
  }
}
