package dev.loginharness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** A mistyped command line: one line that says what is wrong and where the usage is. */
class UsageErrorTest {
  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void anUnknownOptionIsOneLineWithTheWayToHelp() {
    Run run = run("login", "--provider", "pixiv", "--frobnicate");

    assertEquals(2, run.exit());
    assertEquals("", run.out());
    assertEquals(
        "login-harness: Unknown option: '--frobnicate' (see 'login-harness login --help')"
            + System.lineSeparator(),
        run.err());
  }

  @Test
  void aNearMissSaysWhatWasMeant() {
    Run run = run("token", "--provider", "pixiv", "--min-vald", "60");

    assertEquals(2, run.exit());
    assertEquals(1, run.err().lines().count(), run.err());
    assertEquals(
        true,
        run.err().contains("did you mean --min-valid?")
            && run.err().endsWith("(see 'login-harness token --help')" + System.lineSeparator()),
        run.err());
  }

  @Test
  void anUnknownCommandPointsToTheTopLevelHelp() {
    Run run = run("logni");

    assertEquals(2, run.exit());
    assertEquals(1, run.err().lines().count(), run.err());
    assertEquals(true, run.err().trim().endsWith("(see 'login-harness --help')"), run.err());
  }
}
