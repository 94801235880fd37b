package dev.loginharness.browser;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.bidi.browsingcontext.NavigationInfo;
import org.openqa.selenium.bidi.module.BrowsingContextInspector;

/**
 * A tab's navigations, from WebDriver BiDi's browsingContext events: a navigation has started
 * and its document has not reached DOMContentLoaded yet (nor failed). An expected navigation
 * counts as loading until its start is reported, or for {@link #EXPECT} if none comes (a click
 * that only changed the page in place, a submit the page refused).
 */
final class PageWatch implements PageState, AutoCloseable {
  private static final Duration EXPECT = Duration.ofMillis(200);

  private final String context;
  private final BrowsingContextInspector inspector;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicLong started = new AtomicLong();
  private final AtomicBoolean loading = new AtomicBoolean();
  private volatile long expectedAt;

  private PageWatch(WebDriver driver, String context) {
    this.context = context;
    this.inspector = new BrowsingContextInspector(Set.of(context), driver);
  }

  static PageWatch of(WebDriver driver, String context) throws BrowserUnavailableException {
    try {
      PageWatch watch = new PageWatch(driver, context);
      watch.inspector.onNavigationStarted(watch::started);
      watch.inspector.onDomContentLoaded(watch::settled);
      watch.inspector.onNavigationFailed(watch::settled);
      watch.inspector.onNavigationAborted(watch::settled);
      return watch;
    } catch (WebDriverException e) {
      throw new BrowserUnavailableException("BiDi browsingContext events unavailable: "
          + Browsers.firstLine(e), e);
    }
  }

  /** Events of the other tabs reach every listener of the session; only this tab's count. */
  private boolean mine(NavigationInfo e) {
    return !closed.get() && context.equals(e.getBrowsingContextId());
  }

  private void started(NavigationInfo e) {
    if (mine(e)) {
      loading.set(true);
      started.incrementAndGet();
      expectedAt = 0;
    }
  }

  private void settled(NavigationInfo e) {
    if (mine(e)) {
      loading.set(false);
    }
  }

  @Override
  public boolean loading() {
    long expected = expectedAt;
    return loading.get() || expected != 0 && System.nanoTime() - expected < EXPECT.toNanos();
  }

  @Override
  public void expectNavigation() {
    expectedAt = System.nanoTime();
  }

  @Override
  public long navigations() {
    return started.get();
  }

  /** Stops listening: Selenium may leave the listeners registered, so they go deaf too. */
  @Override
  public void close() {
    closed.set(true);
    try {
      inspector.close();
    } catch (RuntimeException sessionGone) {
      // the browser is going anyway
    }
  }
}
