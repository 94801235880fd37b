package dev.loginharness.cli;

import dev.loginharness.secret.Redact;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code login-harness}: the command line. Each subcommand is a thin class of its own. */
@Command(
    name = "login-harness",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Logs a real browser into an OAuth 2.0 provider and prints the tokens.",
    subcommands = {
      LoginCommand.class,
      MintCommand.class,
      TokenCommand.class,
      RefreshCommand.class,
      CheckCommand.class,
      RevokeCommand.class,
      ClientCredentialsCommand.class,
      ProvidersCommand.class,
      DemoCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Exit codes: 0 ok, 2 usage or configuration error, 3 login failed,",
      "4 token endpoint error, 5 browser or driver unavailable, 6 a human step is needed."
    })
public final class Main {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the CLI and returns the exit code (tests call this in-process). */
  public static int run(String... args) {
    return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /** Runs the CLI with the given streams for stdout and stderr. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new Main()).setOut(out).setErr(err);
    ExitCodes codes = new ExitCodes();
    cli.setExitCodeExceptionMapper(codes);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          report(commandLine.getErr(), e, codes.getExitCode(e));
          return codes.getExitCode(e);
        });
    cli.setParameterExceptionHandler(Main::usageError);
    return cli.execute(args);
  }

  /**
   * A mistyped option or a missing value: the one line saying what is wrong (with picocli's "did
   * you mean" when it has one) and where the usage is, instead of the whole usage text, which
   * buries the line that matters.
   */
  private static int usageError(CommandLine.ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    String suggestion = "";
    if (e instanceof CommandLine.UnmatchedArgumentException unmatched
        && !unmatched.getSuggestions().isEmpty()) {
      suggestion = "; did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?";
    }
    String message = e.getMessage() == null ? "invalid arguments" : e.getMessage();
    command
        .getErr()
        .println(
            "login-harness: "
                + Redact.url(message.replace('\n', ' '))
                + suggestion
                + " (see '"
                + command.getCommandSpec().qualifiedName()
                + " --help')");
    command.getErr().flush();
    return ExitCodes.USAGE;
  }

  /**
   * One line on stderr. Messages are built redacted at their source; {@link Redact} runs again here
   * so that a URL with a code can never slip through. No stack trace unless LOGIN_HARNESS_DEBUG is
   * set, and then only for internal errors.
   */
  private static void report(PrintWriter err, Exception e, int code) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (code == ExitCodes.INTERNAL) {
      message = "internal error (" + e.getClass().getName() + "): " + message;
    }
    err.println("login-harness: " + Redact.url(message.replace('\n', ' ')));
    if (code == ExitCodes.INTERNAL && System.getenv("LOGIN_HARNESS_DEBUG") != null) {
      e.printStackTrace(err);
    }
    err.flush();
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"login-harness " + (v == null ? "(development build)" : v)};
    }
  }
}
