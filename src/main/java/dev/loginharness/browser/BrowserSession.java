package dev.loginharness.browser;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openqa.selenium.WebDriver;

/**
 * One running browser. {@link #close()} quits it and then makes sure nothing is left behind: a hung
 * session can leave Chromium and chromedriver orphaned, so every process that belonged to the
 * session is killed if it outlives {@code quit()}, and the throw-away profile is deleted.
 */
public final class BrowserSession implements AutoCloseable {
  private static final Duration QUIT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration EXIT_GRACE = Duration.ofSeconds(3);

  private final WebDriver driver;
  private final boolean bidi;
  private final boolean remote;
  private final Duration launchTime;
  private final Optional<Path> userDataDir;
  private final Optional<ProcessHandle> driverProcess;
  private final Optional<ProcessHandle> browserProcess;
  private final ByteArrayOutputStream driverLog;

  /** A remote session's DevTools websocket, as Browsers resolved it at session start. */
  private final Optional<String> remoteCdp;

  /** Set when this is one login's tab of a browser other logins use at the same time. */
  private final Optional<Tab> tab;

  /** The session with the BiDi connection: for a shared browser's tab, the browser's own. */
  private final WebDriver bidiDriver;

  /** How many processes {@link #end()} killed; negative until it ran. */
  private int endedProcesses = -1; // guarded by this

  /**
   * One login's tab in a shared browser: the BiDi browsing context (= window handle) and, unless it
   * is the browser's first tab, the user context it lives in. A capture watches only its traffic.
   */
  public record Tab(String context, Optional<String> userContext) {}

  BrowserSession(
      WebDriver driver,
      boolean bidi,
      boolean remote,
      Duration launchTime,
      Optional<Path> userDataDir,
      Optional<ProcessHandle> driverProcess,
      Optional<ProcessHandle> browserProcess,
      ByteArrayOutputStream driverLog) {
    this(
        driver,
        bidi,
        remote,
        launchTime,
        userDataDir,
        driverProcess,
        browserProcess,
        driverLog,
        Optional.empty(),
        Optional.empty(),
        driver);
    LiveBrowsers.add(this);
  }

  private BrowserSession(
      WebDriver driver,
      boolean bidi,
      boolean remote,
      Duration launchTime,
      Optional<Path> userDataDir,
      Optional<ProcessHandle> driverProcess,
      Optional<ProcessHandle> browserProcess,
      ByteArrayOutputStream driverLog,
      Optional<String> remoteCdp,
      Optional<Tab> tab,
      WebDriver bidiDriver) {
    this.driver = driver;
    this.tab = tab;
    this.bidiDriver = bidiDriver;
    this.bidi = bidi;
    this.remote = remote;
    this.remoteCdp = remoteCdp;
    this.launchTime = launchTime;
    this.userDataDir = userDataDir;
    this.driverProcess = driverProcess;
    this.browserProcess = browserProcess;
    this.driverLog = driverLog;
  }

  /**
   * A session on a Grid: no local process or profile belongs to it, so {@link #close()} only quits
   * it. {@code cdp} is the session's {@code se:cdp} address already made reachable (see
   * GridConnection), or empty when CDP is not to be used.
   */
  static BrowserSession remote(
      WebDriver driver, boolean bidi, Optional<String> cdp, Duration launchTime) {
    return new BrowserSession(
        driver,
        bidi,
        true,
        launchTime,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        new ByteArrayOutputStream(),
        cdp,
        Optional.empty(),
        driver);
  }

  /**
   * This browser as one login sees it: {@code tabDriver} is the login's own WebDriver session, on
   * {@code tab}; BiDi stays this session's. The view cannot be closed; its lease ends it.
   */
  BrowserSession inTab(WebDriver tabDriver, Tab tab) {
    return new BrowserSession(
        tabDriver,
        bidi,
        remote,
        launchTime,
        userDataDir,
        driverProcess,
        browserProcess,
        driverLog,
        remoteCdp,
        Optional.of(tab),
        driver);
  }

  /** The driver with the session's BiDi connection (the browser's own, for a shared tab). */
  WebDriver bidiDriver() {
    return bidiDriver;
  }

  /** The login's tab, when the browser is shared with other logins; empty: the whole browser. */
  public Optional<Tab> tab() {
    return tab;
  }

  public WebDriver driver() {
    return driver;
  }

  /** The session was created with {@code webSocketUrl} and the remote end granted it. */
  public boolean hasBidi() {
    return bidi;
  }

  public boolean isRemote() {
    return remote;
  }

  /** The browser is Chromium's headless shell (see {@link DriverSettings.HeadlessShell}). */
  public boolean isHeadlessShell() {
    return driver instanceof org.openqa.selenium.HasCapabilities has
        && ChromeOptionsFactory.HEADLESS_SHELL.equals(has.getCapabilities().getBrowserName());
  }

  /**
   * Where the browser's DevTools protocol can be reached: {@code host:port} of a local browser
   * ({@code goog:chromeOptions.debuggerAddress}), or a websocket URL a Grid offers ({@code
   * se:cdp}).
   */
  public Optional<String> cdpEndpoint() {
    if (remote) {
      // Never the raw capability: a Grid's se:cdp may name an address this client cannot reach,
      // and a local goog:chromeOptions.debuggerAddress names a port on the node's machine.
      return remoteCdp;
    }
    Object cdp =
        driver instanceof org.openqa.selenium.HasCapabilities has
            ? has.getCapabilities().getCapability("se:cdp")
            : null;
    if (cdp instanceof String url && !url.isBlank()) {
      return Optional.of(url);
    }
    Object chrome =
        driver instanceof org.openqa.selenium.HasCapabilities has
            ? has.getCapabilities().getCapability("goog:chromeOptions")
            : null;
    if (!remote
        && chrome instanceof java.util.Map<?, ?> map
        && map.get("debuggerAddress") instanceof String address) {
      return Optional.of(address);
    }
    return Optional.empty();
  }

  /** From asking for a session to having one, browser start included. */
  public Duration launchTime() {
    return launchTime;
  }

  /** Process ids this session started (chromedriver, Chromium); empty for remote sessions. */
  public List<Long> pids() {
    List<Long> pids = new ArrayList<>();
    driverProcess.ifPresent(p -> pids.add(p.pid()));
    browserProcess.ifPresent(p -> pids.add(p.pid()));
    return pids;
  }

  /**
   * chromedriver's own output (with the browser's stderr), for diagnostics; never shown by default.
   */
  public String driverLog() {
    synchronized (driverLog) {
      return driverLog.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /** The cookies of the current page's site, or null when the page cannot be read. */
  public SessionCookies cookies() {
    try {
      return new SessionCookies(driver.getCurrentUrl(), driver.manage().getCookies());
    } catch (org.openqa.selenium.WebDriverException pageGone) {
      return null;
    }
  }

  /**
   * Puts cookies taken from another session back, on their site: WebDriver only sets cookies for
   * the page it is on, so the site is opened first.
   */
  public void restoreCookies(SessionCookies carried) {
    if (carried == null || carried.cookies.isEmpty() || !carried.url.startsWith("http")) {
      return;
    }
    try {
      java.net.URI page = java.net.URI.create(carried.url);
      driver.get(page.getScheme() + "://" + page.getRawAuthority() + "/");
      for (org.openqa.selenium.Cookie cookie : carried.cookies) {
        driver.manage().addCookie(cookie);
      }
    } catch (RuntimeException unusable) {
      // the person signs in again; nothing is lost but convenience
    }
  }

  /**
   * Ends the browser. A local one is killed outright, chromedriver, Chromium and all their
   * processes at once, and its throw-away profile removed: the profile holds nothing a graceful
   * shutdown would save, and {@code quit()} took 300–600 ms of every login here (Chromium's orderly
   * exit, then chromedriver's). Selenium's side of the session (its HTTP and BiDi clients) is
   * released after, against the dead driver, which fails at once. A Grid's session is quit.
   */
  @Override
  public void close() {
    if (tab.isPresent()) {
      throw new IllegalStateException("a shared browser's tab is closed by its lease, not quit");
    }
    end();
    quit();
    LiveBrowsers.remove(this);
  }

  /**
   * Kills the local browser's processes and removes its profile, once: {@link #close()} and the
   * shutdown hook's reaper (a signal during the login) may both get here at the same moment, and
   * the second waits for the first instead of walking a profile the first is deleting. Returns how
   * many processes the kill found.
   */
  synchronized int end() {
    if (endedProcesses < 0) {
      // Snapshot the whole tree first: once chromedriver exits, Chromium would be re-parented
      // and no longer findable as our descendant.
      Set<ProcessHandle> tree = processTree();
      tree.forEach(ProcessHandle::destroyForcibly);
      awaitExit(tree);
      userDataDir.ifPresent(BrowserSession::deleteTree);
      endedProcesses = tree.size();
    }
    return endedProcesses;
  }

  /** {@code driver.quit()}, bounded: a hung remote end does not hold the caller. */
  private void quit() {
    CompletableFuture<Void> quit =
        CompletableFuture.runAsync(
            () -> {
              try {
                driver.quit();
              } catch (RuntimeException alreadyGone) {
                // the session is over either way
              }
            });
    try {
      quit.get(QUIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception hungOrFailed) {
      quit.cancel(true);
    }
  }

  /** chromedriver, Chromium and everything they started, as running now; empty when remote. */
  Set<ProcessHandle> processTree() {
    Set<ProcessHandle> tree = new LinkedHashSet<>();
    Stream.of(driverProcess, browserProcess)
        .flatMap(Optional::stream)
        .forEach(
            p -> {
              tree.add(p);
              p.descendants().forEach(tree::add);
            });
    return tree;
  }

  /**
   * Waits up to the grace period for the killed tree to be gone, so that no dying process writes
   * into the profile while it is removed; a process forked just before the kill is killed too.
   */
  private static void awaitExit(Set<ProcessHandle> tree) {
    long deadline = System.nanoTime() + EXIT_GRACE.toNanos();
    while (tree.stream().anyMatch(Processes::isRunning) && System.nanoTime() < deadline) {
      tree.stream()
          .filter(Processes::isRunning)
          .flatMap(ProcessHandle::descendants)
          .forEach(ProcessHandle::destroyForcibly);
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
  }

  /**
   * Deletes a throw-away browser profile; best effort. A walk that meets an entry removed under it
   * (a dying helper's lock file) walks again, up to three times.
   */
  static void deleteTree(Path dir) {
    for (int attempt = 0; attempt < 3 && Files.exists(dir, LinkOption.NOFOLLOW_LINKS); attempt++) {
      try (Stream<Path> paths = Files.walk(dir)) {
        paths
            .sorted(Comparator.reverseOrder())
            .forEach(
                path -> {
                  try {
                    Files.deleteIfExists(path);
                  } catch (IOException ignored) {
                    // a file a dying Chromium still held: the next walk tries it again
                  }
                });
      } catch (IOException | UncheckedIOException ignored) {
        // an entry went while the walk listed its directory: walk again
      }
    }
  }
}
