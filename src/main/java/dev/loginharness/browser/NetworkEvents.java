package dev.loginharness.browser;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Chrome's {@code Network.*} events, however they arrive — live over the DevTools websocket ({@link
 * CdpCapture}) or polled from the performance log ({@link PerfLogCapture}), which holds the very
 * same messages. Offers every URL to the callback sink and records the traffic in the network log.
 */
final class NetworkEvents {
  private final FirstMatch sink;
  private final NetworkLog log;

  /** Names the source in the timeline: {@code cdp}, {@code perflog}. */
  private final String source;

  /** requestId → URL, to resolve a relative {@code Location} seen only in the extra-info event. */
  private final Map<String, String> requestUrls = new ConcurrentHashMap<>();

  /**
   * requestId → the network log entry of its latest hop (a redirect chain shares one requestId).
   */
  private final Map<String, String> logIds = new ConcurrentHashMap<>();

  private final AtomicInteger hops = new AtomicInteger();

  NetworkEvents(FirstMatch sink, NetworkLog log, String source) {
    this.sink = sink;
    this.log = log;
    this.source = source;
  }

  /** Handles one event; anything not about the network is ignored. */
  void handle(String method, JsonNode params) {
    String requestId = params.path("requestId").asText();
    switch (method) {
      case "Network.requestWillBeSent" -> requestWillBeSent(requestId, params);
      case "Network.responseReceived" ->
          log.response(
              logIds.getOrDefault(requestId, ""), params.path("response").path("status").asInt());
      case "Network.loadingFailed" -> log.response(logIds.getOrDefault(requestId, ""), -1);
      case "Network.responseReceivedExtraInfo" -> {
        int status = params.path("statusCode").asInt();
        if (status >= 300 && status < 400) {
          sink.offerLocation(
              requestUrls.getOrDefault(requestId, ""),
              header(params.path("headers"), "location"),
              source + ":responseReceivedExtraInfo",
              OptionalLong.empty());
        }
      }
      default -> {}
    }
  }

  private void requestWillBeSent(String requestId, JsonNode params) {
    OptionalLong ts =
        params.has("wallTime")
            ? OptionalLong.of((long) (params.get("wallTime").asDouble() * 1000))
            : OptionalLong.empty();
    JsonNode redirect = params.path("redirectResponse");
    if (!redirect.isMissingNode()) {
      sink.offerLocation(
          redirect.path("url").asText(),
          header(redirect.path("headers"), "location"),
          source + ":redirectResponse",
          ts);
      log.response(logIds.getOrDefault(requestId, ""), redirect.path("status").asInt());
    }
    JsonNode request = params.path("request");
    String url = request.path("url").asText() + request.path("urlFragment").asText("");
    requestUrls.put(requestId, url);
    String logId = source + ":" + requestId + ":" + hops.incrementAndGet();
    logIds.put(requestId, logId);
    log.request(logId, request.path("method").asText(), url, ts.orElse(0));
    sink.offer(url, source + ":requestWillBeSent", ts);
  }

  private static String header(JsonNode headers, String name) {
    for (var it = headers.fields(); it.hasNext(); ) {
      var h = it.next();
      if (h.getKey().equalsIgnoreCase(name)) {
        return h.getValue().asText();
      }
    }
    return null;
  }
}
