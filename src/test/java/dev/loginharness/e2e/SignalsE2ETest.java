package dev.loginharness.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loginharness.demo.DemoProvider;
import dev.loginharness.testing.Loopback;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 16, row 1: a signal to the {@code login} process itself (not its group, so chromedriver and
 * Chromium do not get it too) while its browser is open. The browser, its driver and its profile
 * must be gone within 2 s, with one line on stderr and the shell's exit status for the signal.
 */
@Tag("e2e")
class SignalsE2ETest extends DemoProviderE2E {
  private static final String PASSWORD = "signal-Pass-4471-secret";

  @TempDir Path dir;

  @ParameterizedTest(name = "SIG{0} → exit {1}")
  @CsvSource({"TERM, 143", "INT, 130", "HUP, 129"})
  void aSignalWhileTheBrowserIsOpenLeavesNothingBehind(String signal, int exit) throws Exception {
    // The authorization page answers after a minute: the browser is open and waiting.
    provider =
        DemoProvider.builder()
            .client("signals")
            .redirectUri("http://127.0.0.1:" + Loopback.freePort() + "/callback")
            .user("alice", PASSWORD)
            .pageLatency(Duration.ofSeconds(60))
            .start();
    Path profile = dir.resolve("signals.json");
    Files.writeString(
        profile,
        """
        {"name": "signals", "authorizationEndpoint": "%s", "tokenEndpoint": "%s",
         "clientId": "signals", "redirectUri": "%s"}
        """
            .formatted(
                provider.authorizationEndpoint(),
                provider.tokenEndpoint(),
                provider.redirectUris().iterator().next()));

    Process cli =
        Cli.start(
            Map.of("LH_PASS", PASSWORD),
            "login",
            "--provider",
            profile.toString(),
            "--headless",
            "--username",
            "alice",
            "--password-env",
            "LH_PASS",
            "--timeout",
            "120",
            "--step-timeout",
            "100");
    Set<ProcessHandle> browser = awaitBrowser(cli);
    Optional<Path> userDataDir = userDataDir(browser);
    assertTrue(userDataDir.isPresent(), "no --user-data-dir among " + browser);
    assertTrue(Files.isDirectory(userDataDir.get()));

    new ProcessBuilder("kill", "-" + signal, Long.toString(cli.pid())).start().waitFor();
    long signalled = System.nanoTime();
    assertTrue(cli.waitFor(10, TimeUnit.SECONDS), "the CLI did not exit after SIG" + signal);
    while (browser.stream().anyMatch(Chromium::running) && since(signalled) < 2_000) {
      Thread.sleep(20);
    }
    long gone = since(signalled);

    Cli.Run run = Cli.finish(cli);
    assertEquals(exit, run.exit(), run.err());
    assertEquals(
        List.of(),
        browser.stream().filter(Chromium::running).map(ProcessHandle::pid).toList(),
        "processes still running " + gone + " ms after the signal");
    assertFalse(Files.exists(userDataDir.get()), "the browser profile is still there");
    List<String> lines = run.err().lines().filter(l -> !l.isBlank()).toList();
    assertEquals(1, lines.size(), run.err());
    assertTrue(lines.get(0).startsWith("login-harness: stopped before the browser was closed"));
    assertFalse(run.err().contains(PASSWORD));
    assertEquals("", run.out());
  }

  /** chromedriver and Chromium below the CLI, once the authorization page has been asked for. */
  private Set<ProcessHandle> awaitBrowser(Process cli) throws InterruptedException {
    long start = System.nanoTime();
    while (since(start) < 60_000) {
      Set<ProcessHandle> browser =
          cli.descendants()
              .filter(p -> p.info().command().map(c -> c.contains("chrom")).orElse(false))
              .collect(Collectors.toSet());
      if (userDataDir(browser).isPresent() && provider.pageRequestCount() > 0) {
        return browser;
      }
      assertTrue(cli.isAlive(), "the CLI ended before its browser opened");
      Thread.sleep(50);
    }
    throw new AssertionError("no browser below the CLI within 60 s");
  }

  private static Optional<Path> userDataDir(Set<ProcessHandle> processes) {
    return processes.stream()
        .flatMap(p -> p.info().arguments().stream().flatMap(java.util.Arrays::stream))
        .filter(a -> a.startsWith("--user-data-dir="))
        .map(a -> Path.of(a.substring("--user-data-dir=".length())))
        .findFirst();
  }

  private static long since(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }
}
