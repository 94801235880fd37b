package dev.loginharness.browser;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriverService;

/** The local chromedriver processes a launch or an attach starts. */
final class Chromedrivers {
  private static final int LOG_LIMIT = 256 * 1024;

  /**
   * Selenium's own wait for a driver to answer is made longer than ours by this much, so that ours
   * always ends first: Selenium ends a driver that does not answer by killing that one process,
   * which leaves its children running under PID 1 where nothing can tell them from anyone else's.
   */
  private static final Duration SELENIUM_MARGIN = Duration.ofSeconds(10);

  /** How long the start gets to notice the killed driver and return, after the kill. */
  private static final Duration AFTER_KILL = Duration.ofSeconds(5);

  private Chromedrivers() {}

  /** A buffer for chromedriver's output that keeps its first 256 KiB. */
  static ByteArrayOutputStream logBuffer() {
    return new BoundedBuffer(LOG_LIMIT);
  }

  /**
   * A chromedriver on a free port, writing to {@code log}, with {@code environment}; start it with
   * {@link #start}.
   */
  static ChromeDriverService service(
      Path driver,
      Map<String, String> environment,
      ByteArrayOutputStream log,
      Duration startTimeout) {
    return new ChromeDriverService.Builder()
        .usingDriverExecutable(driver.toFile())
        .usingAnyFreePort()
        .withEnvironment(environment)
        .withLogOutput(log)
        .withTimeout(startTimeout.plus(SELENIUM_MARGIN))
        .build();
  }

  /**
   * Starts {@code service}'s chromedriver and waits until it answers, for at most {@code timeout}
   * ({@code driver.start.timeout}). One that does not answer in time is killed together with every
   * process it started, while they are still its descendants, and is stopped: the caller need not
   * stop {@code service} after a {@link BrowserUnavailableException}.
   *
   * @throws BrowserUnavailableException the driver did not answer in time
   * @throws WebDriverException Selenium could not start it (it exited, say)
   */
  static void start(ChromeDriverService service, Path driver, Duration timeout)
      throws BrowserUnavailableException {
    FutureTask<Void> start =
        new FutureTask<>(
            () -> {
              service.start();
              return null;
            });
    daemon(start, "chromedriver start");
    try {
      start.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException late) {
      process(service).ifPresent(Chromedrivers::killTree);
      try {
        start.get(AFTER_KILL.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException | TimeoutException expected) {
        // it failed, as it should with its driver gone; the message below says why
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      stopLater(service);
      throw new BrowserUnavailableException(
          "chromedriver "
              + driver
              + " did not answer within "
              + timeout.toSeconds()
              + " s (driver.start.timeout in drivers.properties, or "
              + "LOGIN_HARNESS_DRIVER_START_TIMEOUT); it and the processes it started were killed");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new WebDriverException(e.getCause());
    } catch (InterruptedException e) {
      process(service).ifPresent(Chromedrivers::killTree);
      stopLater(service);
      Thread.currentThread().interrupt();
      throw new BrowserUnavailableException(
          "interrupted while chromedriver " + driver + " started");
    }
  }

  /**
   * Selenium's status poll runs on for its own, longer timeout, and stop() waits 5 s for it before
   * interrupting it; with the driver killed, that wait is left to a thread of its own.
   */
  private static void stopLater(ChromeDriverService service) {
    daemon(service::stop, "chromedriver clean-up");
  }

  private static void daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** {@code root} and its descendants, root first so that it starts no more. */
  private static void killTree(ProcessHandle root) {
    List<ProcessHandle> tree = Stream.concat(Stream.of(root), root.descendants()).toList();
    tree.forEach(ProcessHandle::destroyForcibly);
  }

  /** chromedriver is our child, started with {@code --port=N}; find it by that port. */
  static Optional<ProcessHandle> process(ChromeDriverService service) {
    String flag = "--port=" + service.getUrl().getPort();
    return ProcessHandle.current()
        .children()
        .filter(p -> p.info().arguments().map(a -> List.of(a).contains(flag)).orElse(false))
        .findFirst();
  }

  /** Keeps the first {@code limit} bytes of chromedriver's output and drops the rest. */
  private static final class BoundedBuffer extends ByteArrayOutputStream {
    private final int limit;

    BoundedBuffer(int limit) {
      this.limit = limit;
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      super.write(b, off, Math.max(0, Math.min(len, limit - count)));
    }

    @Override
    public synchronized void write(int b) {
      if (count < limit) {
        super.write(b);
      }
    }
  }
}
