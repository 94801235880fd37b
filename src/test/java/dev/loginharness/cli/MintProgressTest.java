package dev.loginharness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MintProgressTest {
  private final AtomicLong now = new AtomicLong(1_000);
  private final MintProgress progress = new MintProgress(8, now::get);

  @Test
  void silentForTheFirstThreeSecondsThenALinePerAccount() {
    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(2_900));
    assertEquals(Optional.empty(), progress.finished("a", true));
    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
    assertEquals(
        Optional.empty(), progress.finished("b", false), "exactly 3 s is not more than 3 s");

    now.addAndGet(1);
    assertEquals(Optional.of("mint: 2 done, 1 failed, 5 remaining"), progress.finished("c", true));
    assertEquals(Optional.of("mint: 3 done, 1 failed, 4 remaining"), progress.finished("d", true));
  }

  @Test
  void theSummaryNamesTheFailedAccounts() {
    progress.finished("a", true);
    progress.finished("b", false);
    progress.finished("c", false);
    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(12_340));

    assertEquals("mint: 1 of 8 accounts ok, 2 failed (b, c), 12.3 s", progress.summary());
  }

  @Test
  void aCleanSummary() {
    new java.util.ArrayList<>(java.util.List.of("a", "b")).forEach(a -> progress.finished(a, true));
    assertEquals("mint: 2 of 8 accounts ok, 0 failed, 0.0 s", progress.summary());
  }
}
