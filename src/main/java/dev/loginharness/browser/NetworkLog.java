package dev.loginharness.browser;

import dev.loginharness.secret.Redact;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every request the browser made during a login, for the failure bundle: method, URL, status, when.
 * URLs are redacted as they are recorded, so the log never holds a code or a state.
 */
public class NetworkLog {
  /** One request; {@code status} 0 while no response was seen, -1 when it failed. */
  public record Entry(String method, String url, int status, long epochMillis) {}

  private final Map<String, Entry> byId = new ConcurrentHashMap<>();
  private final List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());

  /** A log that keeps nothing: for a second capture mechanism reporting the same traffic. */
  static NetworkLog discarding() {
    return new NetworkLog() {
      @Override
      void request(String id, String method, String url, long epochMillis) {}

      @Override
      void response(String id, int status) {}
    };
  }

  void request(String id, String method, String url, long epochMillis) {
    if (byId.putIfAbsent(id, new Entry(method, Redact.url(url), 0, epochMillis)) == null) {
      order.add(id);
    }
  }

  void response(String id, int status) {
    byId.computeIfPresent(id, (k, e) -> new Entry(e.method(), e.url(), status, e.epochMillis()));
  }

  public List<Entry> entries() {
    synchronized (order) {
      return order.stream().map(byId::get).toList();
    }
  }
}
