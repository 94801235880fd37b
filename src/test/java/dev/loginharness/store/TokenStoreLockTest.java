package dev.loginharness.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class TokenStoreLockTest {
  private static final Duration LONG = Duration.ofSeconds(20);

  @TempDir Path root;

  @Test
  void excludesOtherThreads() throws Exception {
    for (TokenStore store : List.of(TokenStore.at(root), TokenStore.none())) {
      AtomicInteger inside = new AtomicInteger();
      AtomicInteger maxInside = new AtomicInteger();
      AtomicInteger runs = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          futures.add(
              pool.submit(
                  () -> {
                    for (int j = 0; j < 10; j++) {
                      store.locked(
                          "p",
                          "a",
                          LONG,
                          () -> {
                            maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                            Thread.sleep(2);
                            inside.decrementAndGet();
                            return runs.incrementAndGet();
                          });
                    }
                    return null;
                  }));
        }
        for (Future<?> f : futures) {
          f.get(30, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      assertEquals(1, maxInside.get(), store.toString());
      assertEquals(80, runs.get());
    }
  }

  @Test
  void twoStoresOnTheSameDirectoryShareTheLock() throws Exception {
    TokenStore one = TokenStore.at(root);
    Path link = Files.createSymbolicLink(root.resolve("link"), root);
    TokenStore other = TokenStore.at(link); // another spelling of the same directory
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Void> holder =
        CompletableFuture.runAsync(
            () -> {
              try {
                one.locked(
                    "p",
                    "a",
                    LONG,
                    () -> {
                      held.countDown();
                      return release.await(30, TimeUnit.SECONDS);
                    });
              } catch (Exception e) {
                throw new RuntimeException(e);
              }
            });
    try {
      assertTrue(held.await(10, TimeUnit.SECONDS));
      StoreException e =
          assertThrows(
              StoreException.class,
              () -> other.locked("p", "a", Duration.ofMillis(100), () -> null));
      assertTrue(
          e.getMessage().startsWith("timed out after 100 ms waiting for the lock on "),
          e.getMessage());
    } finally {
      release.countDown();
    }
    holder.get(10, TimeUnit.SECONDS);
    assertEquals("free", other.locked("p", "a", LONG, () -> "free"));
  }

  @Test
  void timesOutWithAClearMessage() throws Exception {
    TokenStore store = TokenStore.at(root);
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread holder =
        new Thread(
            () -> {
              try {
                store.locked(
                    "p",
                    "a",
                    LONG,
                    () -> {
                      held.countDown();
                      return release.await(30, TimeUnit.SECONDS);
                    });
              } catch (Exception e) {
                throw new RuntimeException(e);
              }
            });
    holder.start();
    try {
      assertTrue(held.await(10, TimeUnit.SECONDS));
      long start = System.nanoTime();
      StoreException e =
          assertThrows(
              StoreException.class,
              () -> store.locked("p", "a", Duration.ofMillis(150), () -> null));
      long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertTrue(waitedMillis >= 140, "waited " + waitedMillis + " ms");
      assertEquals(
          "timed out after 150 ms waiting for the lock on "
              + root.toRealPath().resolve("p/a.lock")
              + " (another login-harness run is using this account)",
          e.getMessage());
      // Other accounts are not affected.
      assertEquals("b", store.locked("p", "b", Duration.ofMillis(150), () -> "b"));
    } finally {
      release.countDown();
      holder.join(10_000);
    }
  }

  @Test
  void isReentrantWithinAThread() throws Exception {
    TokenStore store = TokenStore.at(root);
    String result =
        store.locked(
            "p", "a", LONG, () -> store.locked("p", "a", Duration.ofMillis(100), () -> "inner"));
    assertEquals("inner", result);
    // And the lock really is free afterwards, for another thread.
    assertEquals(
        "after",
        CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return store.locked("p", "a", Duration.ofSeconds(5), () -> "after");
                  } catch (StoreException e) {
                    throw new RuntimeException(e);
                  }
                })
            .get(10, TimeUnit.SECONDS));
  }

  @Test
  void actionExceptionPassesThroughAndReleasesTheLock() throws Exception {
    TokenStore store = TokenStore.at(root);
    IOException thrown =
        assertThrows(
            IOException.class,
            () ->
                store.locked(
                    "p",
                    "a",
                    LONG,
                    () -> {
                      throw new IOException("from the action");
                    }));
    assertEquals("from the action", thrown.getMessage());
    assertEquals(
        "ok",
        CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return store.locked("p", "a", Duration.ofSeconds(5), () -> "ok");
                  } catch (StoreException e) {
                    throw new RuntimeException(e);
                  }
                })
            .get(10, TimeUnit.SECONDS));
  }

  @Test
  void lockFileIsPrivate() throws Exception {
    TokenStore store = TokenStore.at(root.resolve("tokens"));
    store.locked("p", "a", LONG, () -> null);
    Path lockFile = root.resolve("tokens/p/a.lock");
    assertEquals(
        "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(lockFile)));
    assertEquals(
        "rwx------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(lockFile.getParent())));
  }

  @Test
  void excludesOtherProcesses() throws Exception {
    TokenStore store = TokenStore.at(root);
    Process other = ChildJvm.start(List.of(), LockHolder.class, root.toString(), "p", "a");
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
      String line =
          CompletableFuture.supplyAsync(
                  () -> {
                    try {
                      return out.readLine();
                    } catch (IOException e) {
                      throw new RuntimeException(e);
                    }
                  })
              .get(30, TimeUnit.SECONDS);
      assertEquals("locked", line);

      StoreException e =
          assertThrows(
              StoreException.class,
              () -> store.locked("p", "a", Duration.ofMillis(300), () -> "too early"));
      assertTrue(
          e.getMessage().startsWith("timed out after 300 ms waiting for the lock on "),
          e.getMessage());

      other.getOutputStream().close(); // tells the holder to let go
      assertTrue(other.waitFor(30, TimeUnit.SECONDS));
      assertEquals(0, other.exitValue());
      assertEquals("mine", store.locked("p", "a", Duration.ofSeconds(5), () -> "mine"));
    } finally {
      other.destroyForcibly();
    }
  }

  @Test
  void waitsForAnotherProcessWithinTheTimeout() throws Exception {
    TokenStore store = TokenStore.at(root);
    Process other = ChildJvm.start(List.of(), LockHolder.class, root.toString(), "p", "a");
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("locked", out.readLine());
      CompletableFuture.runAsync(
          () -> {
            try {
              Thread.sleep(300);
              other.getOutputStream().close();
            } catch (Exception e) {
              throw new RuntimeException(e);
            }
          });
      long start = System.nanoTime();
      assertEquals("after", store.locked("p", "a", Duration.ofSeconds(20), () -> "after"));
      assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) >= 250);
    } finally {
      other.destroyForcibly();
    }
  }

  /** The pattern the {@code token} command relies on: re-read inside the lock, refresh once. */
  @Test
  void concurrentRefreshersRefreshOnce() throws Exception {
    TokenStore store = TokenStore.at(root);
    store.write("p", "a", Fixtures.stored("p", "a", "expired"));
    AtomicInteger refreshes = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(20);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        results.add(
            pool.submit(
                () ->
                    store.locked(
                        "p",
                        "a",
                        LONG,
                        () -> {
                          StoredTokens current = store.read("p", "a").orElseThrow();
                          if (current.tokens().accessToken().reveal().equals("expired")) {
                            refreshes.incrementAndGet();
                            Thread.sleep(20); // the token endpoint taking its time
                            store.write("p", "a", Fixtures.stored("p", "a", "fresh"));
                            return "fresh";
                          }
                          return current.tokens().accessToken().reveal();
                        })));
      }
      for (Future<String> result : results) {
        assertEquals("fresh", result.get(30, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, refreshes.get());
  }

  @Test
  void readInsideTheLockStillSetsCorruptFilesAside() throws Exception {
    TokenStore store = TokenStore.at(root);
    Path file = store.pathOf("p", "a");
    Fixtures.writePrivate(file, "{broken");

    StoreException e =
        assertThrows(
            StoreException.class, () -> store.locked("p", "a", LONG, () -> store.read("p", "a")));

    assertTrue(e.getMessage().contains("kept as " + file + ".corrupt-"), e.getMessage());
  }
}
