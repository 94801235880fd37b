package dev.loginharness.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loginharness.browser.Totp.Algorithm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OtpSourceTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @TempDir Path dir;

  // The shell is the test's choice of program; the source itself runs argv directly.
  private static OtpSource sh(String script, Duration timeout) {
    return OtpSource.command(List.of("sh", "-c", script), timeout);
  }

  private static void assertContains(String expected, String message) {
    assertTrue(message.contains(expected), "expected '" + expected + "' in: " + message);
  }

  @Test
  void firstNonEmptyLineTrimmedIsTheCode() throws Exception {
    assertEquals("123456", sh("echo 123456", TIMEOUT).next().reveal());
    assertEquals("654321", sh("printf '\\n  \\n  654321  \\nsecond\\n'", TIMEOUT).next().reveal());
  }

  @Test
  void argumentsArePassedAsGivenWithoutAShell() throws Exception {
    // With a shell in between, "$HOME" would be expanded and the quotes would vanish.
    OtpSource source = OtpSource.command(List.of("printf", "%s\\n", "'$HOME' 1"), TIMEOUT);
    assertEquals("'$HOME' 1", source.next().reveal());
  }

  @Test
  void stdinIsClosedAndStderrIgnored() throws Exception {
    // cat on a closed stdin ends at once; were stdin left open it would hang until the timeout.
    assertEquals("42", sh("cat; echo oops >&2; echo 42", TIMEOUT).next().reveal());
  }

  @Test
  void largeOutputDoesNotBlockTheProgram() throws Exception {
    // More than a pipe buffer (64 KiB) after the code: it must still finish, not time out.
    assertEquals(
        "777777",
        sh("echo 777777; head -c 300000 /dev/zero | tr '\\0' x; echo", TIMEOUT).next().reveal());
  }

  @Test
  void failingExitNamesTheProgramAndStatusButNotTheOutput() {
    LoginPageException e =
        assertThrows(
            LoginPageException.class,
            () -> sh("echo 987654; echo leaked-on-stderr >&2; exit 3", TIMEOUT).next());

    assertContains("'sh'", e.getMessage());
    assertContains("3", e.getMessage());
    assertFalse(e.getMessage().contains("987654"), e.getMessage());
    assertFalse(e.getMessage().contains("leaked"), e.getMessage());
  }

  @Test
  void emptyOutputIsAFailure() {
    LoginPageException e =
        assertThrows(LoginPageException.class, () -> sh("printf '\\n   \\n'", TIMEOUT).next());

    assertContains("'sh'", e.getMessage());
    assertContains("no code", e.getMessage());
  }

  @Test
  void missingProgramIsAFailure() {
    LoginPageException e =
        assertThrows(
            LoginPageException.class,
            () -> OtpSource.command(List.of("/nonexistent/otp-tool", "--code"), TIMEOUT).next());

    assertContains("'/nonexistent/otp-tool'", e.getMessage());
    assertContains("could not be started", e.getMessage());
  }

  @Test
  void timeoutKillsTheProgram() throws Exception {
    Path pidFile = dir.resolve("pid");
    // exec: the pid written is the process that then sleeps.
    OtpSource source =
        sh("echo 111111; echo $$ > '" + pidFile + "'; exec sleep 5", Duration.ofMillis(300));

    long start = System.nanoTime();
    LoginPageException e = assertThrows(LoginPageException.class, source::next);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertContains("'sh'", e.getMessage());
    assertContains("300 ms", e.getMessage());
    assertFalse(e.getMessage().contains("111111"), e.getMessage());
    assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "took " + took);
    assertGone(pidFile);
  }

  @Test
  void timeoutKillsWhatTheProgramStarted() throws Exception {
    Path pidFile = dir.resolve("child-pid");
    // A wrapper script whose real work is a child: killing only the wrapper would leave it.
    OtpSource source = sh("sleep 5 & echo $! > '" + pidFile + "'; wait", Duration.ofMillis(300));

    assertThrows(LoginPageException.class, source::next);
    assertGone(pidFile);
  }

  private static void assertGone(Path pidFile) throws Exception {
    long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).strip());
    // Processes.isRunning: an orphan killed in a container without a reaping init stays a zombie.
    long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    while (ProcessHandle.of(pid).map(Processes::isRunning).orElse(false)
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertFalse(
        ProcessHandle.of(pid).map(Processes::isRunning).orElse(false),
        "process " + pid + " still running");
  }

  @Test
  void invalidConfigurationIsRejectedUpFront() {
    assertThrows(IllegalArgumentException.class, () -> OtpSource.command(List.of(), TIMEOUT));
    assertThrows(
        IllegalArgumentException.class, () -> OtpSource.command(List.of("true"), Duration.ZERO));
    assertThrows(
        NullPointerException.class,
        () -> OtpSource.command(java.util.Arrays.asList("true", null), TIMEOUT));
  }

  @Test
  void totpSourceGivesTheCurrentCode() throws Exception {
    Totp totp =
        Totp.of(
            "12345678901234567890".getBytes(StandardCharsets.US_ASCII),
            Algorithm.SHA1,
            8,
            Duration.ofSeconds(30));
    // Second 10 of a step: no wait, so the real sleeper is never reached.
    Clock clock = Clock.fixed(Instant.ofEpochSecond(1111111090), ZoneOffset.UTC);

    assertEquals("07081804", OtpSource.totp(totp, clock).next().reveal());
  }
}
