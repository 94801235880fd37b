package dev.loginharness.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ProcessAgeTest {
  @Test
  void readsTheStartTicksAfterACommandNameWithSpacesAndParentheses() {
    // /proc/<pid>/stat of a process named "a) b": starttime (field 22) is 150000 ticks = 1500 s.
    String stat =
        "4242 (a) b) S 1 4242 4242 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 1 0 150000 1000 100 0 0";
    assertEquals(OptionalLong.of(730), ProcessAge.millis(stat, "1500.73 3000.00\n"));
  }

  @Test
  void aStartAfterNowIsNoAnswer() {
    String stat = "1 (java) S 0 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 200000 1 1";
    assertTrue(ProcessAge.millis(stat, "1500.00 1.00").isEmpty());
  }

  @Test
  void agreesWithTheJvmsOwnStartTime() {
    // The JVM's start time is taken a few milliseconds after the process began (and the test
    // JVM's process was not started by a script); /proc counts in 10 ms ticks.
    long jvmAge = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    long age = ProcessAge.millis().orElseThrow();
    assertTrue(age >= jvmAge - 20 && age <= jvmAge + 1000, age + " ms against the JVM's " + jvmAge);
  }
}
