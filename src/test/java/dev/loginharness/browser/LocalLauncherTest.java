package dev.loginharness.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local launch whose chromedriver never answers (issue 16, row 12), with a real process: a script
 * that sleeps, with a child and a grandchild sleeping too. No browser is started.
 */
class LocalLauncherTest {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(2);

  @TempDir Path dir;

  private final List<Long> started = new ArrayList<>();

  @AfterEach
  void killWhatTheTestStarted() {
    started.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
  }

  @Test
  void aChromedriverThatNeverAnswersIsKilledWithItsChildrenWithinTheStartTimeout()
      throws Exception {
    Path driver =
        script(
            "hanging-chromedriver",
            "echo $$ > '" + dir.resolve("driver.pid") + "'",
            "sh -c 'sleep 300 & echo $! > \"$1\"; wait' sh '"
                + dir.resolve("grandchild.pid")
                + "' &",
            "sleep 300 &",
            "echo $! > '" + dir.resolve("child.pid") + "'",
            "wait");
    Path browser = script("never-started-chromium", "exit 1");
    DriverSettings settings =
        DriverSettings.defaults()
            .override(
                Optional.empty(),
                Optional.of(browser),
                Optional.of(driver),
                List.of(),
                Optional.empty(),
                Optional.empty())
            .withDriverStartTimeout(START_TIMEOUT);

    long start = System.nanoTime();
    BrowserUnavailableException e =
        assertThrows(
            BrowserUnavailableException.class,
            () -> new Browsers(settings, Map.of("PATH", "")).launch(true));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertEquals(
        "chromedriver "
            + driver
            + " did not answer within 2 s (driver.start.timeout in drivers.properties, or"
            + " LOGIN_HARNESS_DRIVER_START_TIMEOUT); it and the processes it started were killed",
        e.getMessage());
    // The timeout, then the kill and Selenium's clean-up: seconds, not Selenium's 20 s and more.
    assertTrue(took.compareTo(START_TIMEOUT) >= 0, "took " + took);
    assertTrue(took.compareTo(START_TIMEOUT.plusSeconds(6)) < 0, "took " + took);
    List<String> names = List.of("driver.pid", "child.pid", "grandchild.pid");
    for (String name : names) {
      started.add(Long.parseLong(Files.readString(dir.resolve(name)).trim()));
    }
    for (int i = 0; i < names.size(); i++) {
      assertTrue(gone(started.get(i)), names.get(i) + " " + started.get(i) + " is still running");
    }
  }

  /** Gone, or a zombie, within a second: SIGKILL is delivered at once but reaped later. */
  private static boolean gone(long pid) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
    while (System.nanoTime() < deadline) {
      if (ProcessHandle.of(pid).map(Processes::isRunning).orElse(false) == false) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }

  private Path script(String name, String... lines) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, "#!/bin/sh\n" + String.join("\n", lines) + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }
}
