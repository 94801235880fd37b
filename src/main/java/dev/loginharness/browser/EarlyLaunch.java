package dev.loginharness.browser;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A local browser started before anyone asked for it: the command line starts one at the first line
 * of {@code main} for a command that will log in headless, so that chromedriver and Chromium start
 * while the JVM is still loading picocli, the profile and the token client (on this 2-core machine
 * those were 0.6–0.8 s spent one after the other). {@link Browsers#launch} takes it when it was
 * started with the very settings, environment and mode the login asks for; otherwise it is closed
 * and a browser launched as usual. One at a time, per JVM.
 */
final class EarlyLaunch {
  private record Pending(
      DriverSettings settings,
      Map<String, String> env,
      boolean headless,
      CompletableFuture<BrowserSession> session) {
    boolean serves(DriverSettings wanted, Map<String, String> wantedEnv, boolean wantedHeadless) {
      return settings.equals(wanted) && env.equals(wantedEnv) && headless == wantedHeadless;
    }
  }

  private static final AtomicReference<Pending> PENDING = new AtomicReference<>();

  private EarlyLaunch() {}

  /**
   * Starts a local browser on a thread of its own; nothing when one is pending or mode is remote.
   */
  static void start(DriverSettings settings, Map<String, String> env, boolean headless) {
    if (settings.mode() == DriverSettings.Mode.REMOTE) {
      return;
    }
    Map<String, String> envCopy = Map.copyOf(env);
    Pending pending = new Pending(settings, envCopy, headless, new CompletableFuture<>());
    if (!PENDING.compareAndSet(null, pending)) {
      return;
    }
    Thread thread =
        new Thread(
            () -> {
              try {
                pending
                    .session()
                    .complete(
                        new LocalLauncher(settings, envCopy, new BrowserLocator(settings, envCopy))
                            .launch(
                                headless, ChromeOptionsFactory.wantsBidiInOwnBrowser(settings)));
              } catch (Throwable e) {
                pending.session().completeExceptionally(e);
              }
            },
            "early-browser-launch");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * The early browser, when one was started as {@code settings}, {@code env} and {@code headless}
   * say; waits for its launch to end. One started otherwise is closed.
   *
   * @throws BrowserUnavailableException as the launch would have
   */
  static Optional<BrowserSession> take(
      DriverSettings settings, Map<String, String> env, boolean headless)
      throws BrowserUnavailableException {
    Pending pending = PENDING.getAndSet(null);
    if (pending == null) {
      return Optional.empty();
    }
    if (!pending.serves(settings, env, headless)) {
      close(pending);
      return Optional.empty();
    }
    try {
      return Optional.of(pending.session().get());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof BrowserUnavailableException unavailable) {
        throw unavailable;
      }
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close(pending);
      throw new BrowserUnavailableException("interrupted while the browser started");
    }
  }

  /** Closes an early browser nobody took (the command failed before its login); waits for it. */
  static void discard() {
    Pending pending = PENDING.getAndSet(null);
    if (pending != null) {
      close(pending);
    }
  }

  private static void close(Pending pending) {
    try {
      pending
          .session()
          .get(pending.settings().driverStartTimeout().toSeconds() + 30, TimeUnit.SECONDS)
          .close();
    } catch (ExecutionException | TimeoutException | RuntimeException failedOrHung) {
      // nothing started, or a launch that hangs is its own timeout's to end
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
