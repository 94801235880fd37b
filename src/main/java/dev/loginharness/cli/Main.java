package dev.loginharness.cli;

import dev.loginharness.api.EarlyBrowser;
import dev.loginharness.api.LoginFailed;
import dev.loginharness.flow.JvmShutdown;
import dev.loginharness.secret.Redact;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
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
      StatusCommand.class,
      ProvidersCommand.class,
      DemoCommand.class,
      CompletionCommand.class,
      CommandLine.HelpCommand.class
    },
    // The footer, the exit codes, is set from ExitCodes in run().
    footer = {})
public final class Main {

  public static void main(String[] args) {
    int code = run(args);
    EarlyBrowser.discard();
    endIdleHttpClients();
    System.exit(code);
  }

  /**
   * HotSpot's exit waits up to 300 ms for every thread that is inside native code, and the selector
   * thread of each JDK {@code HttpClient} (Selenium's WebDriver and BiDi connections, the CDP
   * capture's) sits in {@code epoll_wait} until its client is garbage-collected: every command that
   * had a browser ended 300 ms after its work. Java 17's client has no {@code close()}; its
   * selector loop ends when its thread is interrupted. Only here, where the process ends anyway.
   */
  private static void endIdleHttpClients() {
    List<Thread> selectors =
        Thread.getAllStackTraces().keySet().stream()
            .filter(
                t ->
                    t.getName().startsWith("HttpClient-")
                        && t.getName().endsWith("-SelectorManager"))
            .toList();
    selectors.forEach(Thread::interrupt);
    for (Thread selector : selectors) {
      try {
        selector.join(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Runs the CLI and returns the exit code (tests call this in-process). */
  public static int run(String... args) {
    return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /** Runs the CLI with the given streams for stdout and stderr. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return run(out, err, System.getenv(), args);
  }

  /** As {@link #run(PrintWriter, PrintWriter, String...)}, with the environment given. */
  static int run(PrintWriter out, PrintWriter err, Map<String, String> env, String... args) {
    CommandLine cli = new CommandLine(new Main()).setOut(out).setErr(err);
    cli.getCommandSpec().usageMessage().footer(ExitCodes.helpFooter());
    ExitCodes codes = new ExitCodes();
    cli.setExitCodeExceptionMapper(codes);
    boolean debug = !env.getOrDefault("LOGIN_HARNESS_DEBUG", "").isEmpty();
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          report(commandLine, e, codes.getExitCode(e), debug);
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
   * so that a URL with a code can never slip through. With LOGIN_HARNESS_DEBUG set, the stack trace
   * follows, its causes redacted (the API hands them out as {@code RedactedCause}s).
   */
  private static void report(CommandLine command, Exception e, int code, boolean debug) {
    if (JvmShutdown.inProgress()) {
      return; // a signal ended the login: the browser reaper's line says so
    }
    PrintWriter err = command.getErr();
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (e instanceof LoginFailed failed && failed.loginNeeded()) {
      message = failed.reason() + "; " + loginAdvice(command.getCommandName());
    }
    if (code == ExitCodes.INTERNAL) {
      message = "internal error (" + e.getClass().getName() + "): " + message;
    }
    err.println("login-harness: " + Redact.url(message.replace('\n', ' ')));
    if (debug) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      trace.toString().lines().map(Redact::url).forEach(err::println);
    }
    err.flush();
  }

  /** What to do when only a login can help, in flags: the API's message names its methods. */
  private static String loginAdvice(String command) {
    return "token".equals(command)
        ? "run login-harness login (or pass --login-if-needed)"
        : "run login-harness login";
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"login-harness " + (v == null ? "(development build)" : v)};
    }
  }
}
