package dev.loginharness.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loginharness.browser.BrowserLease;
import dev.loginharness.browser.Browsers;
import dev.loginharness.browser.DriverSettings;
import dev.loginharness.browser.SharedBrowser;
import dev.loginharness.demo.DemoProvider;
import dev.loginharness.testing.Loopback;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.bidi.browsingcontext.BrowsingContext;
import org.openqa.selenium.bidi.module.Browser;

/**
 * Mint's browser ({@link SharedBrowser}) with a real Chromium: logins at the same time run in the
 * same browser processes, each in a user context of its own, see nothing of each other — cookies
 * nor storage of the same origin — and each one's WebDriver commands act on its own tab however
 * they interleave. A login's user context is gone before the next login starts; a browser that died
 * is replaced; a session without BiDi means a browser per login. The base class checks nothing is
 * left running.
 */
@Tag("e2e")
class SharedBrowserE2ETest extends DemoProviderE2E {
  private String page;

  @BeforeEach
  void startProvider() throws Exception {
    provider =
        DemoProvider.builder()
            .client("shared-e2e")
            .redirectUri("http://127.0.0.1:" + Loopback.freePort() + "/callback")
            .start();
    page = provider.baseUrl() + "/.well-known/openid-configuration";
  }

  @Test
  void loginsAtTheSameTimeShareTheBrowserAndNothingElse() throws Exception {
    try (SharedBrowser browser = new SharedBrowser(browsers(DriverSettings.defaults()));
        BrowserLease first = browser.lease(true);
        BrowserLease second = browser.lease(true)) {
      assertFalse(first.reused());
      assertTrue(second.reused());
      assertEquals(first.session().pids(), second.session().pids());

      WebDriver one = first.session().driver();
      WebDriver two = second.session().driver();
      open(one, page);
      one.manage().addCookie(new Cookie("left", "by-the-first-login"));
      js(one, "localStorage.setItem('left', 'by-the-first-login')");
      open(two, page);
      assertNull(two.manage().getCookieNamed("left"), "a cookie of the other login");
      assertNull(js(two, "return localStorage.getItem('left')"), "storage of the other login");
      assertEquals("by-the-first-login", one.manage().getCookieNamed("left").getValue());
      assertEquals(1, browser.launches());
    }
  }

  @Test
  void eachLoginsCommandsActOnItsOwnTabHoweverTheyInterleave() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(3);
    try (SharedBrowser browser = new SharedBrowser(browsers(DriverSettings.defaults()))) {
      List<BrowserLease> leases =
          List.of(browser.lease(true), browser.lease(true), browser.lease(true));
      try {
        List<Future<Integer>> checked = new java.util.ArrayList<>();
        for (int i = 0; i < leases.size(); i++) {
          WebDriver driver = leases.get(i).session().driver();
          String mine = page + "?tab=" + i;
          checked.add(
              threads.submit(
                  (Callable<Integer>)
                      () -> {
                        open(driver, mine);
                        for (int round = 0; round < 40; round++) {
                          assertEquals(mine, driver.getCurrentUrl());
                          assertEquals(mine, js(driver, "return location.href"));
                        }
                        return 40;
                      }));
        }
        for (Future<Integer> f : checked) {
          assertEquals(40, f.get());
        }
      } finally {
        leases.forEach(BrowserLease::close);
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void aLoginsUserContextIsGoneBeforeTheNextLoginStarts() throws Exception {
    try (SharedBrowser browser = new SharedBrowser(browsers(DriverSettings.defaults()));
        BrowserLease first = browser.lease(true)) {
      // The first login drives the browser's own session, the one with BiDi.
      Browser bidi = new Browser(first.session().driver());
      try (BrowserLease second = browser.lease(true)) {
        open(second.session().driver(), page);
        assertEquals(
            2, bidi.getUserContexts().size(), "the default context and the second login's");
      }
      try (BrowserLease third = browser.lease(true)) {
        List<String> contexts = bidi.getUserContexts();
        assertEquals(2, contexts.size(), "the default context and the third login's: " + contexts);
      }
    }
  }

  @Test
  void loginsGetTheirOwnSessionWhileTabsOpenAndCloseAroundThem() throws Exception {
    // Attaching, chromedriver lists the browser's targets, then attaches to each; one that
    // closes in between kills that chromedriver. Here tabs open and close without pause while
    // logins attach: several chromedrivers die each run (without retrying them, the test failed
    // three runs in three), and every login still gets its session.
    try (SharedBrowser browser = new SharedBrowser(browsers(DriverSettings.defaults()));
        BrowserLease first = browser.lease(true)) {
      WebDriver bidi = first.session().driver();
      AtomicBoolean done = new AtomicBoolean();
      AtomicInteger churned = new AtomicInteger();
      Thread churn =
          new Thread(
              () -> {
                while (!done.get()) {
                  new BrowsingContext(bidi, WindowType.TAB).close();
                  churned.incrementAndGet();
                }
              });
      churn.start();
      try {
        for (int i = 0; i < 15; i++) {
          try (BrowserLease login = browser.lease(true)) {
            open(login.session().driver(), page + "?login=" + i);
          }
        }
      } finally {
        done.set(true);
        churn.join();
      }
      assertTrue(churned.get() > 15, "tabs opened and closed meanwhile: " + churned.get());
      assertEquals(1, browser.launches());
    }
  }

  @Test
  void aBrowserThatDiedIsReplaced() throws Exception {
    try (SharedBrowser browser = new SharedBrowser(browsers(DriverSettings.defaults()))) {
      List<Long> firstPids;
      try (BrowserLease first = browser.lease(true)) {
        open(first.session().driver(), page);
        firstPids = first.session().pids();
        ProcessHandle chromium = ProcessHandle.of(firstPids.get(1)).orElseThrow();
        chromium.descendants().forEach(ProcessHandle::destroyForcibly);
        chromium.destroyForcibly();
        chromium.onExit().get();
      }

      try (BrowserLease second = browser.lease(true)) {
        assertFalse(second.reused());
        assertNotEquals(firstPids, second.session().pids());
        open(second.session().driver(), page);
      }
      assertEquals(2, browser.launches());
    }
  }

  @Test
  void withoutBidiEveryLoginGetsABrowserOfItsOwn() throws Exception {
    DriverSettings cdpOnly =
        DriverSettings.defaults()
            .override(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of(),
                Optional.empty(),
                Optional.of(DriverSettings.CaptureKind.CDP));
    try (SharedBrowser browser = new SharedBrowser(browsers(cdpOnly));
        BrowserLease first = browser.lease(true);
        BrowserLease second = browser.lease(true)) {
      assertFalse(first.session().hasBidi());
      assertFalse(first.shared());
      assertFalse(second.reused());
      assertNotEquals(first.session().pids(), second.session().pids());
    }
  }

  /** Opens {@code url} and waits until it is the tab's parsed page. */
  private static void open(WebDriver driver, String url) throws InterruptedException {
    driver.get(url);
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!(url.equals(driver.getCurrentUrl())
        && "complete".equals(js(driver, "return document.readyState")))) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not loaded within 10 s: " + url);
      }
      Thread.sleep(20);
    }
  }

  private static Object js(WebDriver driver, String script) {
    return ((JavascriptExecutor) driver).executeScript(script);
  }

  private static Browsers browsers(DriverSettings settings) {
    return new Browsers(settings, System.getenv());
  }
}
