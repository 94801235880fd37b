package dev.loginharness.api;

import dev.loginharness.flow.Timeline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How long the phases of one browser login took — browser launch, page load, callback captured (and
 * by which mechanism), token request and response — as the command line prints it after every
 * login. Immutable: a copy taken when the login ended.
 */
public final class LoginTimeline {
  private final List<Timeline.Mark> marks;

  private LoginTimeline(List<Timeline.Mark> marks) {
    this.marks = List.copyOf(marks);
  }

  static LoginTimeline of(Timeline timeline) {
    return new LoginTimeline(timeline.marks());
  }

  /**
   * A copy with a length of time measured elsewhere — such as the provider's view of the code's age
   * when it was redeemed — listed after the login's own moments.
   */
  public LoginTimeline withDuration(String name, Duration length, String note) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(note, "note");
    List<Timeline.Mark> more = new ArrayList<>(marks);
    more.add(new Timeline.Mark(name, length.toNanos() / 1e6, note, true));
    return new LoginTimeline(more);
  }

  /** {@code timeline: authorize-url 8.0 ms | browser-launched 2103 ms (BiDi) | …} on one line. */
  public String toLine() {
    return Timeline.toLine(marks);
  }

  @Override
  public String toString() {
    return toLine();
  }
}
