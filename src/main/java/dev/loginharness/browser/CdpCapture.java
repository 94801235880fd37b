package dev.loginharness.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The Chrome DevTools Protocol, spoken directly over the browser's own debugging websocket.
 *
 * <p>Not Selenium's DevTools: that needs a generated module for the browser's exact version
 * (v151–v153 in selenium 4.49, while Debian ships 150 on one machine and 156 on another), and the
 * three messages used here — {@code Target.attachToTarget}, {@code Network.enable}, {@code
 * Network.requestWillBeSent} — have not changed in years. It is also the fastest path: one JSON
 * message from the browser's network stack to this listener, where a BiDi event first passes
 * through the chromium-bidi mapper, chromedriver and Selenium's dispatcher (measured 46–104 ms).
 * Run next to BiDi, the first of the two to report the callback wins.
 */
final class CdpCapture implements CallbackCapture {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(5);

  private final FirstMatch sink;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

  /** Targets already watched: discovery and the initial listing may both report a page. */
  private final java.util.Set<String> watched = ConcurrentHashMap.newKeySet();

  /** The JDK websocket refuses a send while another is in flight; sends take turns. */
  private final Object sendLock = new Object();

  private volatile WebSocket socket;

  private final NetworkEvents events;

  /** Whether a page target is this login's: every page, unless the browser is shared. */
  private final Predicate<JsonNode> ours;

  private CdpCapture(FirstMatch sink, NetworkLog log, Predicate<JsonNode> ours) {
    this.sink = sink;
    this.ours = ours;
    this.events = new NetworkEvents(sink, log, "cdp");
  }

  static CdpCapture attach(BrowserSession session, FirstMatch sink, NetworkLog log)
      throws BrowserUnavailableException {
    String endpoint =
        session
            .cdpEndpoint()
            .orElseThrow(
                () ->
                    new BrowserUnavailableException(
                        "capture=cdp, but the session exposes no DevTools endpoint"));
    CdpCapture capture =
        new CdpCapture(sink, log, session.tab().map(CdpCapture::inTab).orElse(target -> true));
    try {
      String ws = endpoint.startsWith("ws") ? endpoint : browserWebSocket(endpoint);
      capture.socket =
          HttpClient.newHttpClient()
              .newWebSocketBuilder()
              .buildAsync(URI.create(ws), capture.new Listener())
              .get(SETUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      capture.call(
          null, "Target.setDiscoverTargets", JSON.createObjectNode().put("discover", true));
      JsonNode targets = capture.call(null, "Target.getTargets", JSON.createObjectNode());
      for (JsonNode target : targets.path("targetInfos")) {
        if ("page".equals(target.path("type").asText()) && capture.ours.test(target)) {
          capture.watch(target.path("targetId").asText());
        }
      }
      return capture;
    } catch (Exception e) {
      capture.close();
      throw new BrowserUnavailableException(
          "CDP endpoint "
              + endpoint
              + " unusable: "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : " " + Browsers.firstLine(e)),
          e);
    }
  }

  /**
   * A shared browser's tab, and the popups of its user context: in Chromium a BiDi browsing context
   * is a CDP target of the same id, and a BiDi user context a CDP browser context.
   */
  private static Predicate<JsonNode> inTab(BrowserSession.Tab tab) {
    return target ->
        tab.context().equals(target.path("targetId").asText())
            || tab.userContext()
                .filter(u -> u.equals(target.path("browserContextId").asText()))
                .isPresent();
  }

  /** {@code host:port} → the browser target's websocket URL, from {@code /json/version}. */
  private static String browserWebSocket(String debuggerAddress)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://" + debuggerAddress + "/json/version"))
                    .timeout(SETUP_TIMEOUT)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body()).path("webSocketDebuggerUrl").asText();
  }

  /** Attaches to a page and enables its network events; returns once Chromium confirmed. */
  private void watch(String targetId) throws Exception {
    if (!watched.add(targetId)) {
      return;
    }
    JsonNode attached =
        call(
            null,
            "Target.attachToTarget",
            JSON.createObjectNode().put("targetId", targetId).put("flatten", true));
    call(attached.path("sessionId").asText(), "Network.enable", JSON.createObjectNode());
  }

  private JsonNode call(String sessionId, String method, ObjectNode params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
    message.set("params", params);
    if (sessionId != null) {
      message.put("sessionId", sessionId);
    }
    String text = JSON.writeValueAsString(message);
    synchronized (sendLock) {
      socket.sendText(text, true).get(SETUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
    JsonNode result = reply.get(SETUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    if (result.has("error")) {
      throw new IOException(method + ": " + result.path("error").path("message").asText());
    }
    return result.path("result");
  }

  private void onMessage(String text) {
    JsonNode message;
    try {
      message = JSON.readTree(text);
    } catch (IOException ignored) {
      return;
    }
    if (message.has("id")) {
      CompletableFuture<JsonNode> reply = pending.remove(message.get("id").asInt());
      if (reply != null) {
        reply.complete(message);
      }
      return;
    }
    JsonNode params = message.path("params");
    String method = message.path("method").asText();
    switch (method) {
      case "Target.targetCreated" -> {
        JsonNode info = params.path("targetInfo");
        if ("page".equals(info.path("type").asText()) && ours.test(info) && !sink.fired()) {
          // A popup or new tab: watched from a fresh thread, as watching waits for replies that
          // this (the socket's) thread must deliver.
          CompletableFuture.runAsync(
              () -> {
                try {
                  watch(info.path("targetId").asText());
                } catch (Exception ignored) {
                  // the window closed again, or the session is ending
                }
              });
        }
      }
      default -> events.handle(method, params);
    }
  }

  @Override
  public String mechanism() {
    return "cdp";
  }

  @Override
  public void close() {
    WebSocket s = socket;
    if (s != null) {
      s.abort();
    }
    pending.values().forEach(f -> f.cancel(true));
  }

  /** Reassembles fragmented frames and hands whole messages to {@link #onMessage}. */
  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        onMessage(text);
      }
      webSocket.request(1);
      return null;
    }
  }
}
