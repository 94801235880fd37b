package dev.loginharness.e2e;

import dev.loginharness.browser.Processes;
import java.util.List;
import java.util.stream.Collectors;

/** Finds browser processes this JVM started, to prove every test leaves none behind. */
final class Chromium {
  private Chromium() {}

  private static boolean isDescendant(ProcessHandle p) {
    for (var parent = p.parent(); parent.isPresent(); parent = parent.get().parent()) {
      if (parent.get().pid() == ProcessHandle.current().pid()) {
        return true;
      }
    }
    return false;
  }

  /**
   * No Java process above it: a browser whose harness is gone. (Another JVM's browsers on the same
   * machine — a second test run, a developer's demo — have theirs, and are none of our business.)
   */
  private static boolean isOrphan(ProcessHandle p) {
    for (var parent = p.parent(); parent.isPresent(); parent = parent.get().parent()) {
      if (parent.get().info().command().map(c -> c.endsWith("/java")).orElse(false)) {
        return false;
      }
    }
    return true;
  }

  static boolean running(ProcessHandle process) {
    return Processes.isRunning(process);
  }

  static boolean isRunning(long pid) {
    return ProcessHandle.of(pid).map(Processes::isRunning).orElse(false);
  }

  /**
   * Chromium and chromedriver processes this JVM started, as "pid command" lines: those below it,
   * and orphans anywhere that still use one of the harness's throw-away profiles.
   */
  static List<String> leftovers() {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().command().map(c -> c.contains("chrom")).orElse(false))
        .filter(
            p ->
                isDescendant(p)
                    || (isOrphan(p)
                        && p.info()
                            .commandLine()
                            .map(c -> c.contains("login-harness-profile-"))
                            .orElse(false)))
        .filter(p -> isRunning(p.pid()))
        .map(p -> p.pid() + " " + p.info().commandLine().orElse("?"))
        .collect(Collectors.toList());
  }
}
