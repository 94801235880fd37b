package dev.loginharness.cli;

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
    Main.main(args);
  }
}
