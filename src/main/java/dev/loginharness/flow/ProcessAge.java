package dev.loginharness.flow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * How long ago this process started, for the login timeline's {@code process-started} mark: the
 * JVM's start, the command line and the provider's discovery all happen before a login's own
 * timeline begins, and on a short headless login they were a quarter to a third of its wall time
 * (measured from outside by {@code scripts/bench}). Linux's {@code /proc} gives it without loading
 * the management API: the process's start in clock ticks since boot ({@code /proc/self/stat}, field
 * 22) against the time since boot ({@code /proc/uptime}), both to 10 ms. The launch scripts {@code
 * exec} the JVM, so the process started when the script did.
 */
final class ProcessAge {
  /** USER_HZ: 100 on every Linux architecture the JDK runs on. */
  private static final long TICKS_PER_SECOND = 100;

  private ProcessAge() {}

  /** Milliseconds since this process started, to 10 ms; empty where {@code /proc} is missing. */
  static OptionalLong millis() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      String uptime = Files.readString(Path.of("/proc/uptime"));
      return millis(stat, uptime);
    } catch (IOException | RuntimeException noProcFs) {
      return OptionalLong.empty();
    }
  }

  static OptionalLong millis(String stat, String uptime) {
    // "pid (comm) state ppid …": fields from the third on follow the last ')', since comm may
    // hold one; starttime is field 22, the 20th after it.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    long startTicks = Long.parseLong(fields[19]);
    double upSeconds = Double.parseDouble(uptime.trim().split("\\s+")[0]);
    long age = Math.round(upSeconds * 1000) - startTicks * 1000 / TICKS_PER_SECOND;
    return age >= 0 ? OptionalLong.of(age) : OptionalLong.empty();
  }
}
