package dev.loginharness.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Millisecond marks of one login, from the moment it started. The one-line rendering goes to stderr
 * after every login; the marks are what {@code scripts/bench} aggregates.
 */
public final class Timeline {
  /**
   * A named moment, {@code atMillis} after the start, or — for a duration measured elsewhere, such
   * as the provider's view of the code's age — a length of time. {@code note} adds context and
   * never a secret.
   */
  public record Mark(String name, double atMillis, String note, boolean duration) {}

  private final long startNanos = System.nanoTime();
  private final long startEpochMillis = System.currentTimeMillis();
  private final List<Mark> marks = new ArrayList<>();

  public synchronized void mark(String name) {
    mark(name, System.nanoTime(), "");
  }

  public synchronized void mark(String name, long nanoTime, String note) {
    marks.add(new Mark(name, (nanoTime - startNanos) / 1e6, note, false));
  }

  /** A duration measured elsewhere (the provider's view of the code's age). */
  public synchronized void duration(String name, double millis, String note) {
    marks.add(new Mark(name, millis, note, true));
  }

  /** The wall-clock time, in epoch milliseconds, of a {@link System#nanoTime()} reading. */
  public long epochMillisAt(long nanoTime) {
    return startEpochMillis + (nanoTime - startNanos) / 1_000_000;
  }

  /** Milliseconds between the browser's timestamp of an event and our listener receiving it. */
  public OptionalLong eventLagMillis(OptionalLong browserEpochMillis, long listenerNanos) {
    if (browserEpochMillis.isEmpty()) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(epochMillisAt(listenerNanos) - browserEpochMillis.getAsLong());
  }

  /**
   * Moments in time order (they may be recorded out of order, from several threads), then
   * durations.
   */
  public synchronized List<Mark> marks() {
    return sorted(marks);
  }

  private static List<Mark> sorted(List<Mark> marks) {
    List<Mark> sorted = new ArrayList<>(marks);
    sorted.sort(
        java.util.Comparator.comparing(Mark::duration)
            .thenComparingDouble(m -> m.duration() ? 0 : m.atMillis()));
    return sorted;
  }

  public synchronized java.util.Optional<Mark> find(String name) {
    return marks.stream().filter(m -> m.name().equals(name)).findFirst();
  }

  /** The marks as rows for JSON ({@code timeline.json} in the debug bundle). */
  public List<java.util.Map<String, Object>> rows() {
    List<java.util.Map<String, Object>> rows = new ArrayList<>();
    for (Mark m : marks()) {
      java.util.Map<String, Object> row = new java.util.LinkedHashMap<>();
      row.put(m.duration() ? "duration" : "mark", m.name());
      row.put("ms", Math.round(m.atMillis() * 10) / 10.0);
      if (!m.note().isEmpty()) {
        row.put("note", m.note());
      }
      rows.add(row);
    }
    return rows;
  }

  /** {@code timeline: browser-launched 1180 ms | … } on one line. */
  public synchronized String toLine() {
    return toLine(marks);
  }

  /**
   * The one-line rendering of marks kept elsewhere (the public API's immutable copy of a login's
   * timeline, to which the demo adds the provider's measurement), in the same order as {@link
   * #marks()}.
   */
  public static String toLine(List<Mark> marks) {
    StringBuilder line = new StringBuilder("timeline:");
    String sep = " ";
    for (Mark m : sorted(marks)) {
      line.append(sep)
          .append(m.name())
          .append(' ')
          .append(
              String.format(
                  Locale.ROOT, Math.abs(m.atMillis()) < 100 ? "%.1f" : "%.0f", m.atMillis()))
          .append(" ms");
      if (!m.note().isEmpty()) {
        line.append(" (").append(m.note()).append(')');
      }
      sep = " | ";
    }
    return line.toString();
  }
}
