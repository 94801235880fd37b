package dev.loginharness.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loginharness.testing.Loopback;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real Selenium Grid standalone (router, distributor and one node in one JVM), started as a
 * separate process on 127.0.0.1 with the system's Chromium and chromedriver as its only browser.
 *
 * <p>The Grid comes from the test-scoped {@code org.seleniumhq.selenium:selenium-grid} dependency:
 * Maven resolves it with its runtime libraries onto the test classpath (from Maven Central on a
 * clean machine, from the local repository offline), and the Grid JVM is started with that
 * classpath. Nothing is downloaded at test time, and the Grid itself reaches nothing but loopback:
 * no Selenium Manager, no driver detection, one explicitly configured driver.
 */
final class SeleniumGrid implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final int port;
  private final Path log;

  private SeleniumGrid(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Starts the Grid and returns once {@code /status} says it is ready to create sessions. */
  static SeleniumGrid start(String chromium, String chromedriver)
      throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("selenium-grid-");
    Path config = dir.resolve("grid.toml");
    // One driver, configured explicitly: with detection off the node offers exactly this, and
    // the stereotype's binary makes the node start Chromium (chromedriver would look for Chrome).
    Files.writeString(
        config,
        String.join(
            "\n",
            "[[node.driver-configuration]]",
            "display-name = \"Chromium\"",
            "webdriver-executable = \"" + chromedriver + "\"",
            "max-sessions = 2",
            "stereotype = '{\"browserName\": \"chrome\", \"goog:chromeOptions\": {\"binary\": \""
                + chromium
                + "\"}}'",
            ""));
    int port = Loopback.freePort();
    Path log = dir.resolve("grid.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-Xmx384m",
                "-cp",
                gridClasspath(),
                "org.openqa.selenium.grid.Bootstrap",
                "standalone",
                "--config",
                config.toString(),
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--selenium-manager",
                "false",
                "--detect-drivers",
                "false",
                "--max-sessions",
                "2",
                // Its OpenTelemetry spans would only be logged; not worth the time.
                "--tracing",
                "false"));
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    SeleniumGrid grid = new SeleniumGrid(process, port, log);
    try {
      grid.awaitReady();
    } catch (IOException | RuntimeException | InterruptedException | Error e) {
      grid.close();
      throw e;
    }
    return grid;
  }

  /** {@code http://127.0.0.1:port}: what {@code remote.url} is set to. */
  String url() {
    return "http://127.0.0.1:" + port;
  }

  int port() {
    return port;
  }

  /** Chromium and chromedriver processes the node is running now, as "pid command" lines. */
  List<String> browsers() {
    return process
        .descendants()
        .filter(p -> p.info().command().map(c -> c.contains("chrom")).orElse(false))
        .filter(p -> Chromium.isRunning(p.pid()))
        .map(p -> p.pid() + " " + p.info().commandLine().orElse("?"))
        .collect(Collectors.toList());
  }

  private void awaitReady() throws IOException, InterruptedException {
    new ServerProcess("Selenium Grid", process, log)
        .awaitReady(
            URI.create(url() + "/status"),
            response -> JSON.readTree(response.body()).path("value").path("ready").asBoolean(false),
            READY_TIMEOUT,
            Duration.ofMillis(200));
  }

  /**
   * Stops the Grid JVM and everything below it. The tree is listed first: once the JVM is gone, a
   * chromedriver or Chromium it left would be re-parented and no longer findable.
   */
  @Override
  public void close() {
    List<ProcessHandle> tree = process.descendants().collect(Collectors.toList());
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  /**
   * The Grid's classpath: the jars of the test classpath (selenium-grid, its runtime libraries, and
   * the selenium 4.49 core the harness uses), without this project's own class directories.
   */
  private static String gridClasspath() {
    List<String> jars =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> entry.endsWith(".jar"))
            .collect(Collectors.toList());
    if (jars.stream()
        .noneMatch(jar -> Path.of(jar).getFileName().toString().startsWith("selenium-grid-"))) {
      throw new IllegalStateException(
          "selenium-grid is not on the test classpath; it is a "
              + "test-scoped dependency in pom.xml (run the tests through Maven)");
    }
    return String.join(File.pathSeparator, jars);
  }
}
