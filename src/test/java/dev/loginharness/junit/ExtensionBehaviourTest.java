package dev.loginharness.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * How the extension reports, run in a nested JUnit engine over fixture classes: a failure to mint
 * fails exactly the tests that need the token, with the harness's message; missing credentials
 * disable tests marked {@link DisabledWithoutCredentials}.
 */
class ExtensionBehaviourTest {

  @Test
  void aFailedMintFailsOnlyTheTestsThatNeedIt() {
    EngineTestKit.engine("junit-jupiter")
        .configurationParameter("loginharness.provider.broken", "/no/such/profile.json")
        .selectors(selectClass(NeedsABrokenProvider.class))
        .execute()
        .testEvents()
        .assertThatEvents()
        .haveExactly(1, event(test("doesNotNeedIt"), finishedSuccessfully()))
        .haveExactly(
            2,
            event(
                finishedWithFailure(
                    message(
                        m ->
                            m.startsWith(
                                "login-harness could not get a token for broken/default (ConfigurationError)")))));
  }

  @Test
  void missingCredentialsDisableTheTest() {
    EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(NeedsCredentials.class))
        .execute()
        .allEvents()
        .assertThatEvents()
        // The class is skipped as a whole: its tests never start, so nothing tries to log in.
        .haveExactly(
            1,
            event(
                container(NeedsCredentials.class),
                skippedWithReason(
                    "login-harness credentials not set: LH_UNSET_USER_4711, LH_UNSET_PASS_4711")))
        .haveExactly(0, event(test("needsIt")));
  }

  @ExtendWith(LoginHarnessExtension.class)
  static class NeedsABrokenProvider {
    @Test
    void needsIt(
        @HarnessToken(provider = "broken", usernameEnv = "PATH", passwordEnv = "PATH")
            String token) {}

    @Test
    void needsItToo(
        @HarnessToken(provider = "broken", usernameEnv = "PATH", passwordEnv = "PATH")
            String token) {}

    @Test
    void doesNotNeedIt() {}
  }

  @ExtendWith(LoginHarnessExtension.class)
  @DisabledWithoutCredentials
  static class NeedsCredentials {
    @Test
    void needsIt(
        @HarnessToken(
                provider = "pixiv",
                usernameEnv = "LH_UNSET_USER_4711",
                passwordEnv = "LH_UNSET_PASS_4711")
            String token) {}
  }
}
