package dev.loginharness.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.loginharness.api.Credentials;
import dev.loginharness.oauth.TokenSet;
import dev.loginharness.provider.ProviderProfile;
import dev.loginharness.secret.Secret;
import java.net.URI;
import java.util.List;
import org.assertj.core.api.Condition;
import org.assertj.core.api.ListAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * How the extension reports, run in a nested JUnit engine over fixture classes: a failure to mint
 * fails exactly the tests that need the token, with the harness's message; missing credentials
 * disable tests marked {@link DisabledWithoutCredentials}.
 */
class ExtensionBehaviourTest {

  @Test
  void aFailedMintFailsOnlyTheTestsThatNeedIt() {
    testsOf(NeedsABrokenProvider.class, "loginharness.provider.broken", "/no/such/profile.json")
        .haveExactly(1, event(test("doesNotNeedIt"), finishedSuccessfully()))
        .haveExactly(2, event(failedToMint("broken")));
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

  @Test
  void inCodeAFailedMintFailsOnlyTheTestsThatNeedIt() {
    testsOf(ConfiguredInCode.class)
        .haveExactly(1, event(test("doesNotNeedIt"), finishedSuccessfully()))
        .haveExactly(2, event(failedToMint(BROKEN_A)))
        // Named, the other extension's provider: each extension serves its own.
        .haveExactly(1, event(test("namesTheOtherProvider"), failedToMint(BROKEN_B)))
        // Beside them, the annotation form serves what names a provider of its own.
        .haveExactly(1, event(test("annotationFormBeside"), failedToMint("broken")))
        .haveExactly(
            1,
            event(
                test("anAccountItDoesNotHave"),
                finishedWithFailure(
                    message(
                        "login-harness could not get a token for "
                            + BROKEN_A
                            + "/ci-9: the extension has no account ci-9 (it has default, ci-2):"
                            + " call account(\"ci-9\", …) on it"))))
        .haveExactly(
            1,
            event(
                test("credentialVariablesOfTheAnnotationForm"),
                finishedWithFailure(
                    message(
                        m ->
                            m.contains(
                                "usernameEnv, passwordEnv and totpSecretEnv belong to"
                                    + " @ExtendWith(LoginHarnessExtension.class)")))));
  }

  @Test
  void inCodeMissingVariablesDisableAMarkedClassAndValuesNever() {
    EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(FromUnsetVariables.class), selectClass(WithValues.class))
        .execute()
        .allEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                container(FromUnsetVariables.class),
                skippedWithReason(
                    "login-harness credentials not set: LH_UNSET_USER_4712, LH_UNSET_PASS_4712")))
        .haveExactly(0, event(test("needsIt"), finishedSuccessfully()))
        // Credentials given as values are there: the test runs (and fails to mint, the profile
        // being broken).
        .haveExactly(
            1,
            event(
                test("runsAnyway"),
                finishedWithFailure(
                    message(m -> m.contains("could not get a token for " + BROKEN_A)))));
  }

  @Test
  void inCodeAMarkedTestIsSkippedOnlyForTheVariablesOfItsOwnTokens() {
    testsOf(MarkedTests.class)
        .haveExactly(
            1,
            event(
                test("fromUnsetVariables"),
                skippedWithReason(
                    "login-harness credentials not set: LH_UNSET_USER_4712, LH_UNSET_PASS_4712")))
        // Unmarked, it runs and fails, naming the variable, before any browser starts.
        .haveExactly(
            1,
            event(
                test("unmarked"),
                finishedWithFailure(
                    message(
                        "login-harness could not get a token for unit/default"
                            + " (ConfigurationError): the username variable"
                            + " LH_UNSET_USER_4712 is set neither in the environment nor as a"
                            + " system property"))));
  }

  @Test
  void theAnnotationFormIsNotConfiguredInCodeAndNothingSecretIsShown() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> new LoginHarnessExtension().credentials("alice", "pw"));
    assertEquals(
        "account() configures an extension made with forProfile or forProvider,"
            + " not the one @ExtendWith makes",
        e.getMessage());
    String shown =
        LoginHarnessExtension.forProvider("pixiv")
            .credentials("alice", "pw-not-shown")
            .account("ci-2", () -> Credentials.of("bob", Secret.of("pw2-not-shown")))
            .toString();
    assertEquals("LoginHarnessExtension[pixiv, accounts=[default, ci-2]]", shown);
  }

  /** The test events of a fixture class run in a nested engine, with configuration parameters. */
  private static ListAssert<Event> testsOf(Class<?> fixture, String... nameValuePairs) {
    EngineTestKit.Builder engine = EngineTestKit.engine("junit-jupiter");
    for (int i = 0; i < nameValuePairs.length; i += 2) {
      engine.configurationParameter(nameValuePairs[i], nameValuePairs[i + 1]);
    }
    return engine.selectors(selectClass(fixture)).execute().testEvents().assertThatEvents();
  }

  /** A test's end, failed because the profile of account {@code default} could not be read. */
  private static Condition<Event> failedToMint(String provider) {
    return finishedWithFailure(
        message(
            m ->
                m.startsWith(
                    "login-harness could not get a token for "
                        + provider
                        + "/default (ConfigurationError)")));
  }

  private static final String BROKEN_A = "/no/such/profile-a.json";
  private static final String BROKEN_B = "/no/such/profile-b.json";

  @ExtendWith(LoginHarnessExtension.class)
  static class ConfiguredInCode {
    @RegisterExtension
    static final LoginHarnessExtension A =
        LoginHarnessExtension.forProvider(BROKEN_A)
            .credentials("alice", "pw")
            .account("ci-2", Credentials.of("bob", Secret.of("pw2")));

    @RegisterExtension
    static final LoginHarnessExtension B =
        LoginHarnessExtension.forProvider(BROKEN_B).credentials("carol", "pw3");

    @Test
    void needsIt(@HarnessToken(provider = BROKEN_A) String token) {}

    @Test
    void needsItToo(@HarnessToken(provider = BROKEN_A) TokenSet tokens) {}

    @Test
    void namesTheOtherProvider(@HarnessToken(provider = BROKEN_B) String token) {}

    @Test
    void annotationFormBeside(
        @HarnessToken(provider = "broken", usernameEnv = "PATH", passwordEnv = "PATH")
            String token) {}

    @Test
    void anAccountItDoesNotHave(@HarnessToken(provider = BROKEN_A, account = "ci-9") String t) {}

    @Test
    void credentialVariablesOfTheAnnotationForm(
        @HarnessToken(provider = BROKEN_A, usernameEnv = "PATH") String token) {}

    @Test
    void doesNotNeedIt() {}
  }

  @DisabledWithoutCredentials
  static class FromUnsetVariables {
    @RegisterExtension
    static final LoginHarnessExtension HARNESS =
        LoginHarnessExtension.forProvider(BROKEN_A)
            .credentialsFromEnv("LH_UNSET_USER_4712", "LH_UNSET_PASS_4712");

    @Test
    void needsIt(@HarnessToken String token) {}
  }

  @DisabledWithoutCredentials
  static class WithValues {
    @RegisterExtension
    static final LoginHarnessExtension HARNESS =
        LoginHarnessExtension.forProvider(BROKEN_A).credentials("alice", "pw");

    @Test
    void runsAnyway(@HarnessToken String token) {}
  }

  static class MarkedTests {
    @RegisterExtension
    static final LoginHarnessExtension HARNESS =
        LoginHarnessExtension.forProfile(
                ProviderProfile.basic(
                    "unit",
                    URI.create("http://127.0.0.1:9/authorize"),
                    URI.create("http://127.0.0.1:9/token"),
                    "client",
                    "http://127.0.0.1:9/callback",
                    List.of(),
                    List.of()))
            .credentialsFromEnv("LH_UNSET_USER_4712", "LH_UNSET_PASS_4712");

    @Test
    @DisabledWithoutCredentials
    void fromUnsetVariables(@HarnessToken String token) {}

    @Test
    void unmarked(@HarnessToken String token) {}
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
