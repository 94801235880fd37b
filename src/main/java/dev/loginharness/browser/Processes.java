package dev.loginharness.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Process facts the JDK does not give. */
public final class Processes {
  private Processes() {}

  /**
   * Alive and not a zombie. {@link ProcessHandle#isAlive()} is true for zombies, and in a container
   * whose PID 1 does not reap, every Chromium helper orphaned by the browser's exit stays a zombie
   * for good: it runs no code and holds no memory, so for cleanup it is gone.
   */
  public static boolean isRunning(ProcessHandle process) {
    if (!process.isAlive()) {
      return false;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
      // "pid (comm) S …": the state follows the last ')', since comm may contain one.
      return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
    } catch (IOException | RuntimeException noProcFs) {
      return process.isAlive();
    }
  }

  /** Running processes started with {@code --user-data-dir=profile}: one browser's processes. */
  public static Stream<ProcessHandle> usingProfile(Path profile) {
    String flag = "--user-data-dir=" + profile;
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().arguments().map(List::of).map(a -> a.contains(flag)).orElse(false))
        .filter(Processes::isRunning);
  }
}
