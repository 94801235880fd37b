package dev.loginharness.browser;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openqa.selenium.chrome.ChromeDriverService;

/** The local chromedriver processes a launch or an attach starts. */
final class Chromedrivers {
  private static final int LOG_LIMIT = 256 * 1024;

  private Chromedrivers() {}

  /** A buffer for chromedriver's output that keeps its first 256 KiB. */
  static ByteArrayOutputStream logBuffer() {
    return new BoundedBuffer(LOG_LIMIT);
  }

  /** A chromedriver on a free port, writing to {@code log}, with {@code environment}. */
  static ChromeDriverService service(
      Path driver, Map<String, String> environment, ByteArrayOutputStream log) {
    return new ChromeDriverService.Builder()
        .usingDriverExecutable(driver.toFile())
        .usingAnyFreePort()
        .withEnvironment(environment)
        .withLogOutput(log)
        .build();
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
