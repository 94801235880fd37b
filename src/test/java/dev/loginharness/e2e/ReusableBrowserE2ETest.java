package dev.loginharness.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loginharness.browser.BrowserLease;
import dev.loginharness.browser.Browsers;
import dev.loginharness.browser.DriverSettings;
import dev.loginharness.browser.ReusableBrowser;
import dev.loginharness.demo.DemoProvider;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * A mint worker's browser ({@link ReusableBrowser}) with a real Chromium: the second login runs
 * in the same browser processes, in a user context of its own, and sees nothing the first one left
 * — cookies nor storage of the same origin. A login that did not go well, a form filler that did
 * not stop, a browser that died and a session without BiDi each mean a fresh browser. The base class checks nothing is left running.
 */
class ReusableBrowserE2ETest extends DemoProviderE2E {
  private String page;

  @BeforeEach
  void startProvider() throws Exception {
    provider = DemoProvider.builder().client("reuse-e2e")
        .redirectUri("http://127.0.0.1:" + LoginFlowE2ETest.closedPort() + "/callback").start();
    page = provider.baseUrl() + "/.well-known/openid-configuration";
  }

  @Test
  void theNextLoginGetsTheSameBrowserAndNothingOfTheLastOne() throws Exception {
    try (ReusableBrowser browser = new ReusableBrowser(browsers(DriverSettings.defaults()))) {
      List<Long> firstPids;
      try (BrowserLease first = browser.lease(true)) {
        assertFalse(first.reused());
        firstPids = first.session().pids();
        WebDriver driver = first.session().driver();
        driver.get(page);
        driver.manage().addCookie(new Cookie("left", "by-the-first-login"));
        js(driver, "localStorage.setItem('left', 'by-the-first-login')");
        assertEquals("by-the-first-login", driver.manage().getCookieNamed("left").getValue());
        first.reusable(Optional.empty());
      }

      try (BrowserLease second = browser.lease(true)) {
        assertTrue(second.reused());
        assertEquals(firstPids, second.session().pids());
        WebDriver driver = second.session().driver();
        driver.get(page);
        assertNull(driver.manage().getCookieNamed("left"), "a cookie of the first login");
        assertNull(js(driver, "return localStorage.getItem('left')"), "storage of the first login");
        second.reusable(Optional.empty());
      }
      assertEquals(1, browser.launches());
    }
  }

  @Test
  void aLoginThatDidNotGoWellTakesTheBrowserWithIt() throws Exception {
    try (ReusableBrowser browser = new ReusableBrowser(browsers(DriverSettings.defaults()))) {
      List<Long> firstPids;
      try (BrowserLease first = browser.lease(true)) {
        firstPids = first.session().pids();
        first.session().driver().get(page);
        // no reusable(): the login failed
      }
      assertTrue(firstPids.stream().noneMatch(Chromium::isRunning), "the failed login's browser still runs");

      try (BrowserLease second = browser.lease(true)) {
        assertFalse(second.reused());
        second.session().driver().get(page);
      }
      assertEquals(2, browser.launches());
    }
  }

  @Test
  void aFormFillerThatDoesNotStopKeepsTheBrowserFromTheNextLogin() throws Exception {
    Thread stuck = new Thread(() -> {
      try {
        Thread.sleep(Duration.ofSeconds(30).toMillis());
      } catch (InterruptedException e) {
        // the test is over
      }
    });
    stuck.setDaemon(true);
    stuck.start();
    try (ReusableBrowser browser = new ReusableBrowser(browsers(DriverSettings.defaults()))) {
      List<Long> firstPids;
      try (BrowserLease first = browser.lease(true)) {
        firstPids = first.session().pids();
        first.reusable(Optional.of(stuck));
      }
      assertTrue(firstPids.stream().allMatch(Chromium::isRunning), "kept until the next login asks");

      try (BrowserLease second = browser.lease(true)) {
        assertFalse(second.reused());
        assertTrue(firstPids.stream().noneMatch(Chromium::isRunning), "the first browser still runs");
      }
      assertEquals(2, browser.launches());
    } finally {
      stuck.interrupt();
    }
  }

  @Test
  void aBrowserThatDiedBetweenLoginsIsReplaced() throws Exception {
    try (ReusableBrowser browser = new ReusableBrowser(browsers(DriverSettings.defaults()))) {
      try (BrowserLease first = browser.lease(true)) {
        first.session().driver().get(page);
        first.reusable(Optional.empty());
        ProcessHandle chromium = ProcessHandle.of(first.session().pids().get(1)).orElseThrow();
        chromium.descendants().forEach(ProcessHandle::destroyForcibly);
        chromium.destroyForcibly();
        chromium.onExit().get();
      }

      try (BrowserLease second = browser.lease(true)) {
        assertFalse(second.reused());
        second.session().driver().get(page);
        assertEquals(page, second.session().driver().getCurrentUrl());
      }
      assertEquals(2, browser.launches());
    }
  }

  @Test
  void withoutBidiEveryLoginGetsABrowserOfItsOwn() throws Exception {
    DriverSettings cdpOnly = DriverSettings.defaults().override(Optional.empty(), Optional.empty(),
        Optional.empty(), List.of(), Optional.empty(), Optional.of(DriverSettings.CaptureKind.CDP));
    try (ReusableBrowser browser = new ReusableBrowser(browsers(cdpOnly))) {
      for (int i = 0; i < 2; i++) {
        try (BrowserLease lease = browser.lease(true)) {
          assertFalse(lease.session().hasBidi());
          assertFalse(lease.reused());
          lease.reusable(Optional.empty());
        }
      }
      assertEquals(2, browser.launches());
    }
  }

  private static Object js(WebDriver driver, String script) {
    return ((JavascriptExecutor) driver).executeScript(script);
  }

  private static Browsers browsers(DriverSettings settings) {
    return new Browsers(settings, System.getenv());
  }
}
