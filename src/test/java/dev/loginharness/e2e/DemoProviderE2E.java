package dev.loginharness.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.loginharness.demo.DemoProvider;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * What every end-to-end test against the demo provider shares: the provider it starts is stopped
 * afterwards, and no Chromium or chromedriver it caused may still be running.
 */
abstract class DemoProviderE2E {
  protected DemoProvider provider;

  @AfterEach
  void stopProviderAndCheckNoBrowserLeft() throws InterruptedException {
    if (provider != null) {
      provider.close();
    }
    // close() has already waited for the processes; a short grace covers slow reaping.
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!Chromium.leftovers().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertEquals(List.of(), Chromium.leftovers(), "browser processes left behind");
  }
}
