package dev.loginharness.browser;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The browsers this JVM has started and not yet closed, and what becomes of them when it ends
 * first. A SIGTERM, SIGINT or SIGHUP ends the JVM without unwinding the login's {@code try} blocks;
 * chromedriver and Chromium, started as its children, would be re-parented to init and live on,
 * with their profile in the temporary directory. The JVM runs its shutdown hooks on these signals
 * (and exits with 128 + the signal's number): the one installed here kills every live browser's
 * processes at once — there is no time for a graceful {@code quit()} — removes its profile and says
 * so in one line on stderr.
 *
 * <p>A browser that was closed normally is no longer listed, so a JVM that ends after its logins
 * finished prints nothing. Only local browsers are listed: a Grid's session has no process here,
 * and the Grid ends it after its own session timeout.
 */
final class LiveBrowsers {
  private static final Set<BrowserSession> LIVE = ConcurrentHashMap.newKeySet();
  private static volatile boolean hookInstalled;

  private LiveBrowsers() {}

  static void add(BrowserSession session) {
    installHook();
    LIVE.add(session);
  }

  static void remove(BrowserSession session) {
    LIVE.remove(session);
  }

  private static synchronized void installHook() {
    if (hookInstalled) {
      return;
    }
    try {
      Runtime.getRuntime()
          .addShutdownHook(new Thread(() -> reap(System.err), "login-harness-browser-reaper"));
      hookInstalled = true;
    } catch (IllegalStateException shuttingDown) {
      // the JVM is already going; the browser started now is reaped by close() or not at all
    }
  }

  /** Ends every live browser now; {@code err} hears one line if there was any. */
  static void reap(PrintStream err) {
    List<BrowserSession> sessions = new ArrayList<>(LIVE);
    if (sessions.isEmpty()) {
      return;
    }
    int processes = 0;
    for (BrowserSession session : sessions) {
      processes += session.end();
    }
    LIVE.removeAll(sessions);
    err.println(
        "login-harness: stopped before the browser was closed; killed its "
            + processes
            + " process(es) and removed its profile");
    err.flush();
  }
}
