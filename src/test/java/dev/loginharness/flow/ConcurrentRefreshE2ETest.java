package dev.loginharness.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loginharness.demo.DemoProvider;
import dev.loginharness.e2e.Cli;
import dev.loginharness.oauth.TokenClient;
import dev.loginharness.oauth.TokenSet;
import dev.loginharness.provider.ProviderProfile;
import dev.loginharness.store.TokenStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, row 6, with real processes: twenty {@code token} commands, each a JVM of its own, ask
 * at once for a token that lives 5 s (less than their margin of 60 s) from a provider whose refresh
 * tokens rotate. The store's lock is held until every one of them waits on it, so each gets the
 * lock after another may have refreshed: exactly one refresh reaches the provider. Before the fix,
 * each process refreshed again, since a 5 s token never has 60 s left. Slow on a busy machine
 * (twenty JVMs), hence an end-to-end test.
 */
@Tag("e2e")
class ConcurrentRefreshE2ETest {
  private static final Duration LIFETIME = Duration.ofSeconds(5);

  @TempDir Path dir;
  private DemoProvider provider;
  private final List<Process> calls = new ArrayList<>();

  @AfterEach
  void stop() {
    calls.forEach(Process::destroyForcibly);
    if (provider != null) {
      provider.close();
    }
  }

  @Test
  void twentyProcessesRefreshATokenShorterThanTheirMarginOnce() throws Exception {
    provider = DemoSignIn.start(LIFETIME);
    ProviderProfile profile = DemoSignIn.profile(provider);
    Path profileFile = DemoSignIn.profileFile(provider, dir.resolve("faults.json"));
    TokenStore store = TokenStore.at(dir.resolve("store"));
    TokenSet first =
        new TokenService(store, TokenClient.shared(), Clock.systemUTC())
            .keep(profile, "ci", DemoSignIn.tokens(provider, profile));
    DemoSignIn.waitUntilHalfExpired(first, LIFETIME);
    Path lockFile = store.pathOf("faults", "ci").resolveSibling("ci.lock").toRealPath();

    store.locked(
        "faults",
        "ci",
        Duration.ofMinutes(5),
        () -> {
          for (int i = 0; i < 20; i++) {
            calls.add(
                Cli.start(
                    Map.of(
                        TokenStore.DIRECTORY_VARIABLE,
                        dir.resolve("store").toString(),
                        // Twenty JVMs on a small machine: the quick compiler and one GC thread
                        // each, or they take minutes to reach the lock.
                        "JAVA_TOOL_OPTIONS",
                        "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k"),
                    "token",
                    "--provider",
                    profileFile.toString(),
                    "--account",
                    "ci"));
          }
          awaitAllWaitingOn(lockFile);
          return null;
        });
    Set<String> printed = new HashSet<>();
    for (Process call : calls) {
      Cli.Run run = Cli.finish(call);
      assertEquals(0, run.exit(), run.err());
      printed.add(run.out().strip());
    }

    assertEquals(1, provider.refreshRequestCount(), "refresh requests at the provider");
    assertEquals(1, printed.size(), "every process printed the one refreshed token");
    assertNotEquals(first.accessToken().reveal(), printed.iterator().next());
  }

  /**
   * Until every call has the lock file open: a process opens it just before it polls for the lock,
   * so then all twenty are waiting (Linux: read from /proc).
   */
  private void awaitAllWaitingOn(Path lockFile) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(8);
    while (System.nanoTime() < deadline) {
      if (calls.stream().allMatch(call -> holdsOpen(call, lockFile))) {
        return;
      }
      for (Process call : calls) {
        assertTrue(call.isAlive(), "a token call ended before it waited for the lock");
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the token calls did not all reach the lock within 8 minutes");
  }

  private static boolean holdsOpen(Process process, Path file) {
    try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(process.pid()), "fd"))) {
      return fds.anyMatch(
          fd -> {
            try {
              return Files.readSymbolicLink(fd).equals(file);
            } catch (IOException | UnsupportedOperationException gone) {
              return false;
            }
          });
    } catch (IOException gone) {
      return false;
    }
  }
}
