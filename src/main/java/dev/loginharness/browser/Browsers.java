package dev.loginharness.browser;

import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts Chromium sessions as {@code drivers.properties} says: local ({@link LocalLauncher}, with
 * executables from {@link BrowserLocator}) or on a Grid ({@link GridLauncher}); and attaches
 * further sessions to a local one ({@link BrowserAttacher}).
 */
public final class Browsers implements BrowserSource {
  /**
   * Selenium logs CDP version mismatches and BiDi chatter (which can include URLs with codes) to
   * stderr; none of it is for users. Held in a field: java.util.logging keeps loggers weakly, and a
   * collected logger would forget the level.
   */
  private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");

  static {
    SELENIUM_LOG.setLevel(Level.OFF);
  }

  private final DriverSettings settings;
  private final LocalLauncher local;
  private final GridLauncher grid;
  private final BrowserAttacher attacher;
  private final Map<String, String> env;

  public Browsers(DriverSettings settings, Map<String, String> env) {
    this.settings = settings;
    this.env = env;
    BrowserLocator locator = new BrowserLocator(settings, env);
    this.local = new LocalLauncher(settings, env, locator);
    this.grid = new GridLauncher(settings);
    this.attacher = new BrowserAttacher(settings, locator);
  }

  public DriverSettings settings() {
    return settings;
  }

  /** A browser of the login's own, quit when the lease closes. */
  @Override
  public BrowserLease lease(boolean headless) throws BrowserUnavailableException {
    return BrowserLease.whole(launch(headless));
  }

  /**
   * Starts a browser for one login. {@code headless=false} opens a visible window for a person. A
   * local one has BiDi only with capture=bidi: under capture=auto its CDP endpoint is faster (see
   * {@link ChromeOptionsFactory#wantsBidiInOwnBrowser}).
   */
  public BrowserSession launch(boolean headless) throws BrowserUnavailableException {
    Optional<BrowserSession> early = EarlyLaunch.take(settings, env, headless);
    if (early.isPresent()) {
      return early.get();
    }
    return switch (settings.mode()) {
      case SYSTEM, WEBDRIVERMANAGER ->
          local.launch(headless, ChromeOptionsFactory.wantsBidiInOwnBrowser(settings));
      case REMOTE -> grid.launch(headless);
    };
  }

  /** Starts the headless browser {@link SharedBrowser} shares: with BiDi, for its user contexts. */
  BrowserSession launchShared() throws BrowserUnavailableException {
    return switch (settings.mode()) {
      case SYSTEM, WEBDRIVERMANAGER -> local.launch(true, wantsBidi());
      case REMOTE -> grid.launch(true);
    };
  }

  /**
   * Starts a local browser now, on a thread of its own, for a login this process is about to run
   * with these very settings: the first {@link #launch} that asks for it takes it (see {@link
   * EarlyLaunch}). Nothing for a Grid.
   */
  public static void launchEarly(
      DriverSettings settings, Map<String, String> env, boolean headless) {
    EarlyLaunch.start(settings, env, headless);
  }

  /** Closes a browser {@link #launchEarly} started that no login took. */
  public static void discardEarly() {
    EarlyLaunch.discard();
  }

  /** A second WebDriver session on a running local browser (see {@link BrowserAttacher}). */
  AttachedDriver attach(BrowserSession session) throws BrowserUnavailableException {
    return attacher.attach(session);
  }

  /** capture=auto|bidi: sessions are asked for BiDi. */
  boolean wantsBidi() {
    return ChromeOptionsFactory.wantsBidi(settings);
  }

  static String firstLine(Throwable e) {
    String message = String.valueOf(e.getMessage());
    int nl = message.indexOf('\n');
    return (nl < 0 ? message : message.substring(0, nl)).trim();
  }
}
