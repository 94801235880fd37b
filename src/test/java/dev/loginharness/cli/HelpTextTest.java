package dev.loginharness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * What {@code --help} says and what README says, checked against the code: each command's summary a
 * whole sentence, every exit code of {@link ExitCodes} in the help and in README's table, and the
 * completion scripts.
 */
class HelpTextTest {
  @TempDir Path dir;

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(out), new PrintWriter(err), Map.of(), args);
    return new Run(exit, out.toString(), err.toString());
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s+", " ");
  }

  @Test
  void everyCommandsSummaryIsAWholeSentenceInTheHelp() {
    Run help = run("--help");

    assertEquals(0, help.exit(), help.err());
    String listed = oneLine(help.out());
    CommandLine root = new CommandLine(new Main());
    for (var entry : root.getSubcommands().entrySet()) {
      var usage = entry.getValue().getCommandSpec().usageMessage();
      // picocli lists a command by its header, else by its description's first line.
      String summary = usage.header().length > 0 ? usage.header()[0] : usage.description()[0];
      assertTrue(summary.endsWith("."), entry.getKey() + ": '" + summary + "' is cut");
      assertTrue(
          listed.contains(entry.getKey() + " " + oneLine(summary)),
          entry.getKey() + " is not listed with its summary: " + help.out());
    }
  }

  @Test
  void theHelpListsEveryExitCode() {
    String help = run("--help").out();

    for (ExitCodes.Meaning m : ExitCodes.DOCUMENTED) {
      assertTrue(help.contains("\n  " + m.codes() + " "), m.codes() + " missing: " + help);
    }
    for (int code :
        List.of(
            ExitCodes.OK,
            ExitCodes.USAGE,
            ExitCodes.LOGIN_FAILED,
            ExitCodes.TOKEN_ENDPOINT,
            ExitCodes.BROWSER_UNAVAILABLE,
            ExitCodes.HUMAN_STEP_NEEDED,
            ExitCodes.INTERNAL,
            ExitCodes.TEMPORARY)) {
      assertTrue(
          ExitCodes.DOCUMENTED.stream().anyMatch(m -> m.codes().equals(String.valueOf(code))),
          code + " is not documented");
    }
    assertTrue(help.contains("LOGIN_HARNESS_DEBUG=1"), help);
  }

  /** README's table has the same codes, in the same order, as {@link ExitCodes#DOCUMENTED}. */
  @Test
  void readmesExitCodeTableMatchesExitCodes() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    String section = readme.substring(readme.indexOf("## Exit codes"));
    section = section.substring(0, section.indexOf("\n## ", 3));
    List<String> codes =
        section
            .lines()
            .filter(l -> l.startsWith("| ") && !l.startsWith("| code") && !l.startsWith("| ---"))
            .map(l -> l.split("\\|")[1].trim())
            .toList();

    assertEquals(ExitCodes.DOCUMENTED.stream().map(ExitCodes.Meaning::codes).toList(), codes);
  }

  @Test
  void theBashCompletionCompletesCommandsAndFlags() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "no bash");
    Run script = run("completion", "bash");
    assertEquals(0, script.exit(), script.err());
    Path file = Files.writeString(dir.resolve("login-harness.bash"), script.out());

    assertEquals("status", complete("/bin/bash", file, "login-harness sta"));
    assertEquals("--login-if-needed", complete("/bin/bash", file, "login-harness token --login-i"));
  }

  @Test
  void theZshCompletionLoadsBashcompinit() throws Exception {
    Run script = run("completion", "zsh");

    assertEquals(0, script.exit(), script.err());
    assertTrue(script.out().contains("bashcompinit"), script.out());
    assertTrue(script.out().contains("complete -F _complete_login-harness"), script.out());
  }

  @Test
  void anotherShellIsAUsageError() {
    Run run = run("completion", "fish");

    assertEquals(2, run.exit());
    assertEquals(
        "login-harness: completion: the shell must be bash or zsh, not 'fish'", run.err().strip());
  }

  /** What the shell offers for the last word of {@code line}, run as bash's completion would. */
  private static String complete(String shell, Path script, String line) throws Exception {
    String[] words = line.split(" ");
    String program =
        "source "
            + script
            + "; COMP_WORDS=("
            + line
            + "); COMP_CWORD="
            + (words.length - 1)
            + "; COMP_LINE='"
            + line
            + "'; COMP_POINT="
            + line.length()
            + "; _complete_login-harness; printf '%s\\n' \"${COMPREPLY[@]}\"";
    // compopt complains on stderr that no completion is running; COMPREPLY is what counts.
    Process p =
        new ProcessBuilder(shell, "-c", program)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    return out.strip();
  }
}
