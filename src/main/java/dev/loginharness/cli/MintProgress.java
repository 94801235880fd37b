package dev.loginharness.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The stderr lines of {@code mint}: a count each time an account finishes — but only once the run
 * has taken longer than {@link #QUIET}, so a quick run stays silent — and a summary. The time
 * source is injected so tests need not sleep.
 */
final class MintProgress {
  static final long QUIET = TimeUnit.SECONDS.toNanos(3);

  private final int total;
  private final LongSupplier nanoTime;
  private final long start;
  private int ok;
  private final List<String> failed = new ArrayList<>();

  MintProgress(int total, LongSupplier nanoTime) {
    this.total = total;
    this.nanoTime = nanoTime;
    this.start = nanoTime.getAsLong();
  }

  static MintProgress system(int total) {
    return new MintProgress(total, System::nanoTime);
  }

  /** Counts a finished account; the line to print, when the run has lasted long enough. */
  synchronized Optional<String> finished(String account, boolean succeeded) {
    if (succeeded) {
      ok++;
    } else {
      failed.add(account);
    }
    if (nanoTime.getAsLong() - start <= QUIET) {
      return Optional.empty();
    }
    return Optional.of(
        "mint: "
            + ok
            + " done, "
            + failed.size()
            + " failed, "
            + (total - ok - failed.size())
            + " remaining");
  }

  synchronized String summary() {
    double seconds = (nanoTime.getAsLong() - start) / 1e9;
    return String.format(
        java.util.Locale.ROOT,
        "mint: %d of %d accounts ok, %d failed%s, %.1f s",
        ok,
        total,
        failed.size(),
        failed.isEmpty() ? "" : " (" + String.join(", ", failed) + ")",
        seconds);
  }
}
