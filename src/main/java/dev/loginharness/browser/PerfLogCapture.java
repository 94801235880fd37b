package dev.loginharness.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The capture of last resort: Chrome's performance log ({@code goog:loggingPrefs}), which works
 * over any WebDriver connection, Grids that strip BiDi and CDP included. It is the one mechanism
 * that has to poll — chromedriver only hands the log out on request — so it is used only when
 * neither BiDi nor CDP is available, and polls at a short fixed interval.
 */
final class PerfLogCapture implements CallbackCapture {
  private static final Duration INTERVAL = Duration.ofMillis(25);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Thread poller;
  private volatile boolean running = true;

  private PerfLogCapture(WebDriver driver, FirstMatch sink, NetworkLog log) {
    NetworkEvents events = new NetworkEvents(sink, log, "perflog");
    this.poller = new Thread(() -> poll(driver, sink, events), "perflog-capture");
    poller.setDaemon(true);
  }

  static PerfLogCapture attach(BrowserSession session, FirstMatch sink, NetworkLog log)
      throws BrowserUnavailableException {
    try {
      session.driver().manage().logs().get(LogType.PERFORMANCE);
    } catch (WebDriverException e) {
      throw new BrowserUnavailableException(
          "no BiDi, no CDP, and no performance log in this session: " + Browsers.firstLine(e), e);
    }
    PerfLogCapture capture = new PerfLogCapture(session.driver(), sink, log);
    capture.poller.start();
    return capture;
  }

  private void poll(WebDriver driver, FirstMatch sink, NetworkEvents events) {
    while (running && !sink.fired()) {
      try {
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
          read(entry.getMessage(), events);
        }
        Thread.sleep(INTERVAL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (WebDriverException sessionGone) {
        return;
      }
    }
  }

  /** A performance-log entry is a CDP event wrapped in {@code {"message": …}}. */
  private static void read(String message, NetworkEvents events) {
    JsonNode root;
    try {
      root = JSON.readTree(message).path("message");
    } catch (IOException e) {
      return;
    }
    events.handle(root.path("method").asText(), root.path("params"));
  }

  @Override
  public String mechanism() {
    return "perflog";
  }

  @Override
  public void close() {
    running = false;
    poller.interrupt();
  }
}
