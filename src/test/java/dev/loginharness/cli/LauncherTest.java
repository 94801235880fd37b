package dev.loginharness.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which command lines start their browser before picocli has parsed them. */
class LauncherTest {
  @Test
  void demoAndHeadlessLoginsStartTheBrowserEarly() {
    assertTrue(Launcher.logsInHeadless(new String[] {"demo"}));
    assertTrue(Launcher.logsInHeadless(new String[] {"demo", "--format", "token"}));
    assertTrue(Launcher.logsInHeadless(new String[] {"login", "--provider", "x", "--headless"}));
    assertTrue(
        Launcher.logsInHeadless(
            new String[] {"login", "--provider", "x", "--username=alice", "--password-env", "P"}));
  }

  @Test
  void anythingElseDoesNot() {
    assertFalse(Launcher.logsInHeadless(new String[] {}));
    assertFalse(Launcher.logsInHeadless(new String[] {"demo", "--headful"}));
    assertFalse(Launcher.logsInHeadless(new String[] {"demo", "--help"}));
    assertFalse(Launcher.logsInHeadless(new String[] {"login", "--provider", "x"}));
    assertFalse(
        Launcher.logsInHeadless(
            new String[] {"login", "--headless", "--username", "a", "--headful"}));
    assertFalse(Launcher.logsInHeadless(new String[] {"mint", "--headless"}));
    assertFalse(Launcher.logsInHeadless(new String[] {"token", "--headless"}));
  }

  @Test
  void aDriverFlagLeavesTheBrowserToTheLogin() {
    assertFalse(Launcher.logsInHeadless(new String[] {"demo", "--capture", "cdp"}));
    assertFalse(Launcher.logsInHeadless(new String[] {"demo", "--drivers-file=/x.properties"}));
    assertFalse(
        Launcher.logsInHeadless(new String[] {"login", "--headless", "--browser-arg", "--x"}));
  }
}
