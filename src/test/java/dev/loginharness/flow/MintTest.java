package dev.loginharness.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loginharness.browser.Credentials;
import dev.loginharness.oauth.TokenClient;
import dev.loginharness.oauth.TokenSet;
import dev.loginharness.provider.ConfigException;
import dev.loginharness.provider.ProviderProfile;
import dev.loginharness.secret.Secret;
import dev.loginharness.store.TokenStore;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The orchestration without browsers: the login is a stub, the store is real. */
class MintTest {
  private static final ProviderProfile PROFILE =
      ProviderProfile.basic(
          "demo",
          URI.create("http://127.0.0.1:1/authorize"),
          URI.create("http://127.0.0.1:1/token"),
          "client",
          "http://127.0.0.1:1/cb",
          List.of(),
          List.of());
  private static final Instant EXPIRY = Instant.parse("2030-01-01T00:00:00Z");

  @TempDir Path dir;

  @Test
  void atMostNAtOnceAndAFailureStopsNobody() throws Exception {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    Mint.Login login =
        account -> {
          peak.accumulateAndGet(running.incrementAndGet(), Math::max);
          try {
            Thread.sleep(50);
            if (account.name().equals("a2")) {
              throw new LoginFailedException(
                  "password page: rejected by the provider: Invalid username or password.");
            }
            if (account.name().equals("a5")) {
              throw new IllegalStateException("boom\nsecond line");
            }
            return tokens("token-of-" + account.name());
          } catch (InterruptedException e) {
            throw new LoginFailedException("interrupted");
          } finally {
            running.decrementAndGet();
          }
        };
    List<Mint.Outcome> reported = Collections.synchronizedList(new ArrayList<>());

    List<Mint.Outcome> outcomes = mint(login, 3).run(accounts(8), reported::add);

    assertEquals(3, peak.get(), "browsers at once");
    assertEquals(outcomes, reported);
    assertEquals(8, outcomes.size());
    Map<String, Mint.Outcome> byName =
        outcomes.stream().collect(Collectors.toMap(Mint.Outcome::account, o -> o));
    assertEquals(
        Optional.of("password page: rejected by the provider: Invalid username or password."),
        byName.get("a2").error());
    assertEquals(
        Optional.of("internal error (java.lang.IllegalStateException): boom second line"),
        byName.get("a5").error());
    assertEquals(6, outcomes.stream().filter(Mint.Outcome::ok).count());
    assertEquals(Optional.of(EXPIRY), byName.get("a1").expiresAt());
    assertTrue(
        byName.get("a1").elapsedMillis() >= 50, "elapsed " + byName.get("a1").elapsedMillis());
    for (int i = 1; i <= 8; i++) {
      boolean stored = Files.exists(dir.resolve("demo/a" + i + ".json"));
      assertEquals(i != 2 && i != 5, stored, "a" + i + " stored");
    }
    assertTrue(Files.readString(dir.resolve("demo/a7.json")).contains("token-of-a7"));
  }

  @Test
  void outcomesAreReportedOneAtATime() throws Exception {
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger overlap = new AtomicInteger();
    mint(account -> tokens("t"), 4)
        .run(
            accounts(12),
            outcome -> {
              if (inside.incrementAndGet() > 1) {
                overlap.incrementAndGet();
              }
              try {
                Thread.sleep(5);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              inside.decrementAndGet();
            });
    assertEquals(0, overlap.get());
  }

  @Test
  void anInterruptedRunStopsItsLoginsAndSaysWhy() throws Exception {
    AtomicInteger started = new AtomicInteger();
    Mint.Login slow =
        account -> {
          started.incrementAndGet();
          try {
            Thread.sleep(30_000);
          } catch (InterruptedException e) {
            // LoginFlow turns an interrupt into a failed login, with some message of its own.
            throw new LoginFailedException("the browser could not open the authorization page");
          }
          return tokens("t");
        };
    List<Mint.Outcome> reported = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger interrupted = new AtomicInteger();
    Thread runner =
        new Thread(
            () -> {
              try {
                mint(slow, 2).run(accounts(5), reported::add);
              } catch (InterruptedException e) {
                interrupted.incrementAndGet();
              } catch (Exception e) {
                throw new AssertionError(e);
              }
            });
    runner.start();
    while (started.get() < 2) {
      Thread.sleep(10);
    }
    runner.interrupt();
    runner.join(5_000);

    assertFalse(runner.isAlive());
    assertEquals(1, interrupted.get());
    assertEquals(2, started.get(), "queued accounts never start");
    assertEquals(2, reported.size());
    assertTrue(
        reported.stream()
            .allMatch(o -> o.error().equals(Optional.of("stopped: login-harness was interrupted"))),
        reported.toString());
  }

  @Test
  void prepareReadsEverySecretAndChecksEveryNameFirst() throws Exception {
    List<AccountSpec> specs =
        AccountsFile.parse(
            """
        account,username,password_env
        good,alice,A_PASS
        ../escape,bob,B_PASS
        """,
            "accounts.csv",
            dir);
    TokenStore store = TokenStore.at(dir);

    ConfigException badName =
        assertThrows(
            ConfigException.class,
            () -> Mint.prepare(specs, Map.of("A_PASS", "a", "B_PASS", "b"), store, PROFILE));
    assertTrue(
        badName.getMessage().startsWith("accounts.csv line 3: invalid account name"),
        badName.getMessage());
    ConfigException unset =
        assertThrows(
            ConfigException.class,
            () -> Mint.prepare(specs.subList(0, 1), Map.of(), store, PROFILE));
    assertEquals(
        "accounts.csv line 2: password_env A_PASS is not set or empty", unset.getMessage());
    List<Mint.Account> ready =
        Mint.prepare(specs.subList(0, 1), Map.of("A_PASS", "a-Pass"), store, PROFILE);
    assertEquals("a-Pass", ready.get(0).credentials().password().reveal());
    assertFalse(ready.get(0).toString().contains("a-Pass"), ready.get(0).toString());
  }

  private Mint mint(Mint.Login login, int parallel) throws Exception {
    return new Mint(
        PROFILE,
        new TokenService(TokenStore.at(dir), TokenClient.shared(), Clock.systemUTC()),
        login,
        parallel);
  }

  private static List<Mint.Account> accounts(int n) {
    return IntStream.rangeClosed(1, n)
        .mapToObj(i -> new Mint.Account("a" + i, new Credentials("user" + i, Secret.of("pw" + i))))
        .collect(Collectors.toList());
  }

  private static TokenSet tokens(String access) {
    return new TokenSet(
        Secret.of(access),
        "Bearer",
        Optional.of(3600L),
        Optional.of(EXPIRY),
        Optional.empty(),
        Optional.empty(),
        Map.of());
  }
}
