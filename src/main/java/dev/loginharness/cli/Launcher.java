package dev.loginharness.cli;

import dev.loginharness.api.EarlyBrowser;
import java.util.Set;

/**
 * The jar's entry point. {@code token} with a still-valid stored token is answered by {@link
 * FastToken} without loading picocli, Jackson's databind, OkHttp or Selenium: scripts run it before
 * every API call, so its start-up time is the product. Everything else goes to {@link Main}.
 */
public final class Launcher {
  private Launcher() {}

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("token")) {
      int served = FastToken.serve(args, System.getenv());
      if (served >= 0) {
        System.exit(served);
      }
    }
    if (logsInHeadless(args)) {
      EarlyBrowser.startHeadless(System.getenv());
    }
    Main.main(args);
  }

  /** Flags that change which browser starts: with any of them, none is started early. */
  private static final Set<String> DRIVER_FLAGS =
      Set.of(
          "--drivers-file",
          "--driver-mode",
          "--browser-binary",
          "--driver-path",
          "--browser-arg",
          "--remote-url",
          "--capture",
          "--headless-shell");

  /**
   * Whether the arguments plainly ask for a headless login with the default driver settings: {@code
   * demo}, or {@code login} with {@code --headless} or a {@code --username}, without {@code
   * --headful}, help, or a driver flag. A guess that turns out wrong costs a browser start, never
   * correctness: a browser the login does not take is closed (see {@link EarlyBrowser}).
   */
  static boolean logsInHeadless(String[] args) {
    if (args.length == 0 || !(args[0].equals("demo") || args[0].equals("login"))) {
      return false;
    }
    boolean headless = args[0].equals("demo");
    for (String arg : args) {
      String flag = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      if (flag.equals("--headful")
          || flag.equals("--help")
          || flag.equals("-h")
          || flag.equals("--version")
          || flag.equals("-V")
          || DRIVER_FLAGS.contains(flag)) {
        return false;
      }
      headless |= flag.equals("--headless") || flag.equals("--username");
    }
    return headless;
  }
}
