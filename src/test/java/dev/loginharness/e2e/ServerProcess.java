package dev.loginharness.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A server the end-to-end tests start as a process of their own (Keycloak, a Selenium Grid): the
 * wait until it answers, and the end of its log for a failure message.
 *
 * @param name in messages ("Keycloak")
 * @param log where the process writes its output
 */
record ServerProcess(String name, Process process, Path log) {
  /** Whether an answer of the server says it is ready; an exception means not yet. */
  interface Ready {
    boolean test(HttpResponse<String> response) throws IOException;
  }

  /**
   * Asks {@code probe} every {@code interval} until {@code ready} says yes. Fails at once, with the
   * log's end, when the process exits, and when {@code timeout} passes.
   */
  void awaitReady(URI probe, Ready ready, Duration timeout, Duration interval)
      throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest request = HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(5)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name + " exited with " + process.exitValue() + " before it was ready; " + logTail());
      }
      try {
        if (ready.test(http.send(request, HttpResponse.BodyHandlers.ofString()))) {
          return;
        }
      } catch (IOException notListeningYet) {
        // still starting
      }
      Thread.sleep(interval.toMillis());
    }
    throw new IllegalStateException(
        name + " not ready at " + probe + " within " + timeout.toSeconds() + " s; " + logTail());
  }

  /** The last lines of the server's own log, for a failure message. */
  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return "the end of "
          + log
          + ":\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log at " + log + ")";
    }
  }
}
