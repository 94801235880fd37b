package dev.loginharness.flow;

/**
 * Whether this JVM has begun to shut down, as it does on SIGTERM, SIGINT or SIGHUP. The browser
 * reaper (a shutdown hook) then kills the login's browser under the running login, whose next
 * WebDriver call fails: that failure is the signal's doing, and the reaper's one line on stderr is
 * all the user should hear — no error line, no failure bundle.
 */
public final class JvmShutdown {
  private JvmShutdown() {}

  /**
   * True once the shutdown hooks have started. The JDK refuses a new hook from then on, which is
   * the only public way to ask.
   */
  public static boolean inProgress() {
    Thread probe = new Thread(() -> {}, "login-harness-shutdown-probe");
    try {
      Runtime.getRuntime().addShutdownHook(probe);
      Runtime.getRuntime().removeShutdownHook(probe);
      return false;
    } catch (IllegalStateException shuttingDown) {
      return true;
    }
  }
}
