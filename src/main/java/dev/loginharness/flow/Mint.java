package dev.loginharness.flow;

import dev.loginharness.browser.BrowserSource;
import dev.loginharness.browser.BrowserUnavailableException;
import dev.loginharness.browser.Browsers;
import dev.loginharness.browser.Credentials;
import dev.loginharness.browser.DriverSettings;
import dev.loginharness.browser.SharedBrowser;
import dev.loginharness.oauth.TokenClient;
import dev.loginharness.oauth.TokenEndpoint;
import dev.loginharness.oauth.TokenEndpointException;
import dev.loginharness.oauth.TokenSet;
import dev.loginharness.provider.ConfigException;
import dev.loginharness.provider.ProviderProfile;
import dev.loginharness.secret.Redact;
import dev.loginharness.store.StoreException;
import dev.loginharness.store.TokenStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Logs many accounts in, {@code parallel} workers at once, each worker taking the next account when
 * its last one is done, and keeps each one's tokens in the store. One account's failure is its own
 * outcome: the others go on. Outcomes are reported as each login ends, one at a time, so the caller
 * can print them without interleaving.
 *
 * <p>The workers may share one browser ({@link SharedBrowser}): every account then logs in in a
 * fresh user context of its own in that browser, and only the first pays for starting it. On a Grid
 * each worker has a browser of its own instead, so that the logins spread over its slots.
 */
public final class Mint {
  /** Logs one account in; a {@link LoginFlow} in use, a stub in unit tests. */
  @FunctionalInterface
  public interface Login {
    TokenSet run(Account account)
        throws LoginFailedException, TokenEndpointException, BrowserUnavailableException;
  }

  /** One worker's logins, one account after another; closed when the worker has no more. */
  public interface Worker extends Login, AutoCloseable {
    @Override
    void close();
  }

  /**
   * Starts a worker, on the worker's own thread; closed once every worker has ended (what the
   * workers share, such as their browser, goes then).
   */
  @FunctionalInterface
  public interface Workers extends AutoCloseable {
    Worker start();

    @Override
    default void close() {}
  }

  /** An account with its secrets read. */
  public record Account(String name, Credentials credentials) {}

  /** How one account ended; {@code error} is one line, redacted, free of secrets. */
  public record Outcome(
      String account, Optional<Instant> expiresAt, long elapsedMillis, Optional<String> error) {
    public boolean ok() {
      return error.isEmpty();
    }
  }

  /**
   * Per-account browser settings; the debug bundle of account A goes to {@code debugDir/A}.
   *
   * @param shareBrowsers the accounts log in in user contexts of one browser (on a Grid: of one
   *     browser per worker); with a debug directory every account gets a browser of its own anyway,
   *     so its bundle holds nothing of another account's
   */
  public record BrowserSettings(
      Duration timeout,
      Duration stepTimeout,
      Optional<Path> debugDir,
      boolean trace,
      boolean shareBrowsers) {}

  /** How long a Ctrl-C waits for running logins to close their browsers. */
  private static final Duration CLOSE_GRACE = Duration.ofSeconds(20);

  private final ProviderProfile profile;
  private final TokenService tokens;
  private final Workers workers;
  private final int parallel;

  /** Set on Ctrl-C: failures after it are the interruption's, whatever the browser said. */
  private final AtomicBoolean stopping = new AtomicBoolean();

  /** Workers that keep nothing between accounts: each runs {@code login}. */
  public Mint(ProviderProfile profile, TokenService tokens, Login login, int parallel) {
    this(
        profile,
        tokens,
        () ->
            new Worker() {
              @Override
              public TokenSet run(Account account)
                  throws LoginFailedException, TokenEndpointException, BrowserUnavailableException {
                return login.run(account);
              }

              @Override
              public void close() {}
            },
        parallel);
  }

  public Mint(ProviderProfile profile, TokenService tokens, Workers workers, int parallel) {
    if (parallel < 1) {
      throw new IllegalArgumentException("parallel must be at least 1");
    }
    this.profile = profile;
    this.tokens = tokens;
    this.workers = workers;
    this.parallel = parallel;
  }

  /**
   * Headless {@link LoginFlow}s; {@code notice} hears where a debug bundle was written, {@code
   * finished} each successful login's timeline (from several workers at once).
   */
  public static Workers browserLogins(
      ProviderProfile profile,
      TokenEndpoint endpoint,
      Browsers browsers,
      TokenClient client,
      BrowserSettings settings,
      Consumer<String> notice,
      Consumer<Timeline> finished) {
    boolean reuse = settings.shareBrowsers() && settings.debugDir().isEmpty();
    // On a Grid, every worker has a browser of its own, so that the logins spread over its slots.
    boolean onePerWorker = browsers.settings().mode() == DriverSettings.Mode.REMOTE;
    SharedBrowser shared = reuse && !onePerWorker ? new SharedBrowser(browsers) : null;
    return new Workers() {
      @Override
      public Worker start() {
        BrowserSource source =
            shared != null ? shared : reuse ? new SharedBrowser(browsers) : browsers;
        return new Worker() {
          @Override
          public TokenSet run(Account account)
              throws LoginFailedException, TokenEndpointException, BrowserUnavailableException {
            LoginFlow.Debug debug =
                settings
                    .debugDir()
                    .map(
                        dir ->
                            new LoginFlow.Debug(
                                Optional.of(dir.resolve(account.name())), settings.trace(), notice))
                    .orElse(LoginFlow.Debug.OFF);
            LoginResult result =
                new LoginFlow(
                        profile,
                        BrowserSources.of(browsers).withHeadless(source),
                        CodeExchanger.at(client, endpoint),
                        new LoginFlow.Options(
                            true,
                            Optional.of(account.credentials()),
                            settings.timeout(),
                            settings.stepTimeout(),
                            debug))
                    .run();
            finished.accept(result.timeline());
            return result.tokens();
          }

          @Override
          public void close() {
            if (source != shared && source instanceof SharedBrowser own) {
              own.close();
            }
          }
        };
      }

      @Override
      public void close() {
        if (shared != null) {
          shared.close();
        }
      }
    };
  }

  /**
   * Reads every account's secrets and checks every store name before the first browser starts: a
   * missing variable on the last row is a configuration error, not the eighth failed login.
   */
  public static List<Account> prepare(
      List<AccountSpec> specs, Map<String, String> env, TokenStore store, ProviderProfile profile)
      throws ConfigException {
    List<Account> accounts = new ArrayList<>();
    for (AccountSpec spec : specs) {
      try {
        store.pathOf(profile.name(), spec.account());
      } catch (StoreException e) {
        throw new ConfigException(spec.where() + ": " + e.getMessage());
      }
      accounts.add(new Account(spec.account(), spec.credentials(env)));
    }
    return accounts;
  }

  /**
   * Runs every account and returns their outcomes in the order they finished. {@code onFinish} is
   * called once per account, never by two threads at once.
   */
  public List<Outcome> run(List<Account> accounts, Consumer<Outcome> onFinish)
      throws InterruptedException {
    List<Outcome> outcomes = new ArrayList<>();
    Object reporting = new Object();
    AtomicInteger threads = new AtomicInteger();
    int size = Math.max(1, Math.min(parallel, accounts.size()));
    ExecutorService pool =
        Executors.newFixedThreadPool(
            size,
            r -> {
              Thread t = new Thread(r, "mint-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    // On Ctrl-C, interrupt the logins so each closes its browser in its finally block instead
    // of leaving Chromium orphaned when the JVM goes.
    Thread closer = new Thread(() -> stop(pool), "mint-shutdown");
    Runtime.getRuntime().addShutdownHook(closer);
    Queue<Account> queue = new ConcurrentLinkedQueue<>(accounts);
    try {
      for (int i = 0; i < size; i++) {
        pool.execute(
            () -> {
              try (Worker worker = workers.start()) {
                Account account;
                while (!stopping.get() && (account = queue.poll()) != null) {
                  Outcome outcome = mintOne(worker, account);
                  synchronized (reporting) {
                    outcomes.add(outcome);
                    onFinish.accept(outcome);
                  }
                }
              }
            });
      }
      pool.shutdown();
      pool.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      stop(pool);
      throw e;
    } finally {
      workers.close();
      try {
        Runtime.getRuntime().removeShutdownHook(closer);
      } catch (IllegalStateException alreadyShuttingDown) {
        // The hook is running or has run; nothing to undo.
      }
    }
    synchronized (reporting) {
      return List.copyOf(outcomes);
    }
  }

  private Outcome mintOne(Worker worker, Account account) {
    long start = System.nanoTime();
    try {
      TokenSet kept = tokens.keep(profile, account.name(), worker.run(account));
      return new Outcome(account.name(), kept.expiresAt(), millisSince(start), Optional.empty());
    } catch (LoginFailedException
        | TokenEndpointException
        | BrowserUnavailableException
        | StoreException e) {
      return failed(
          account,
          start,
          stopping.get() ? "stopped: login-harness was interrupted" : e.getMessage());
    } catch (RuntimeException e) {
      // A bug, or a browser that died under us; still only this account's problem.
      return failed(
          account,
          start,
          stopping.get()
              ? "stopped: login-harness was interrupted"
              : "internal error (" + e.getClass().getName() + "): " + e.getMessage());
    }
  }

  private static Outcome failed(Account account, long start, String message) {
    String line = message == null ? "failed" : message.replaceAll("[\\r\\n]+", " ").strip();
    return new Outcome(
        account.name(), Optional.empty(), millisSince(start), Optional.of(Redact.url(line)));
  }

  private static long millisSince(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  private void stop(ExecutorService pool) {
    stopping.set(true);
    pool.shutdownNow();
    try {
      pool.awaitTermination(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    workers.close();
  }
}
