package dev.loginharness.cli;

import dev.loginharness.api.LoginListener;
import dev.loginharness.api.LoginTimeline;
import java.io.PrintWriter;

/**
 * Notices, and unless --quiet each login's timeline, on stderr: stdout carries only tokens. {@code
 * demo} overrides {@link #loginFinished} to add the provider's measurement first.
 */
class StderrListener implements LoginListener {
  private final PrintWriter err;
  private final boolean timeline;

  StderrListener(PrintWriter err, boolean timeline) {
    this.err = err;
    this.timeline = timeline;
  }

  @Override
  public void notice(String line) {
    err.println(line);
    err.flush();
  }

  @Override
  public void loginFinished(LoginTimeline t) {
    if (timeline) {
      notice(t.toLine());
    }
  }
}
