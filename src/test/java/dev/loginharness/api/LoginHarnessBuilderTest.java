package dev.loginharness.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loginharness.provider.ProviderProfile;
import dev.loginharness.secret.Secret;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link LoginHarness.Builder#build()} refuses, and with which message. Everything here runs
 * offline: built-in and in-code profiles, a temporary store, no browser.
 */
class LoginHarnessBuilderTest {
  @TempDir Path store;

  private static final Credentials ALICE = Credentials.of("alice", Secret.of("pw"));

  private static ProviderProfile profile() {
    return ProviderProfile.basic(
        "local",
        URI.create("http://127.0.0.1:9/authorize"),
        URI.create("http://127.0.0.1:9/token"),
        "client",
        "http://127.0.0.1:9/callback",
        List.of(),
        List.of("profile"));
  }

  private LoginHarness.Builder pixiv() {
    return LoginHarness.forProvider("pixiv").store(store);
  }

  @Test
  void headlessWithoutCredentialsIsRefused() {
    ConfigurationError e = assertThrows(ConfigurationError.class, () -> pixiv().headless().build());
    assertEquals("a headless harness needs credentials (Credentials.fromEnv)", e.getMessage());
  }

  @Test
  void theModeFollowsTheCredentialsUnlessSet() throws Exception {
    assertFalse(pixiv().build().headless(), "no credentials: a person signs in");
    assertTrue(pixiv().credentials(ALICE).build().headless());
    assertFalse(pixiv().credentials(ALICE).headful().build().headless());
  }

  @Test
  void timeoutsMustBePositive() {
    assertEquals(
        "timeout must be positive, not PT0S",
        assertThrows(ConfigurationError.class, () -> pixiv().timeout(Duration.ZERO).build())
            .getMessage());
    assertEquals(
        "stepTimeout must be positive, not PT-1S",
        assertThrows(
                ConfigurationError.class, () -> pixiv().stepTimeout(Duration.ofSeconds(-1)).build())
            .getMessage());
    assertEquals(
        "minValidity must not be negative, not PT-1S",
        assertThrows(
                ConfigurationError.class, () -> pixiv().minValidity(Duration.ofSeconds(-1)).build())
            .getMessage());
  }

  @Test
  void aZeroMinimumValidityIsAllowed() throws Exception {
    pixiv().minValidity(Duration.ZERO).build();
  }

  @Test
  void anInvalidAccountNameIsRefusedWithTheStoresMessage() {
    ConfigurationError e =
        assertThrows(ConfigurationError.class, () -> pixiv().account("../x").build());
    assertTrue(e.getMessage().startsWith("invalid account name \"../x\""), e.getMessage());
  }

  @Test
  void anInCodeProfileTakesNoOverrides() {
    ConfigurationError e =
        assertThrows(
            ConfigurationError.class,
            () -> LoginHarness.forProfile(profile()).clientId("other").redirectUri("x:/y").build());
    assertEquals(
        "a ProviderProfile built in code is complete; set clientId, redirectUri on it, "
            + "not on the builder",
        e.getMessage());
  }

  @Test
  void overridesMustNotBeBlank() {
    assertEquals(
        "clientId must not be blank",
        assertThrows(ConfigurationError.class, () -> pixiv().clientId(" ").build()).getMessage());
    assertEquals(
        "redirectUri must not be blank",
        assertThrows(ConfigurationError.class, () -> pixiv().redirectUri("").build()).getMessage());
  }

  @Test
  void anIssuerMustBeAnHttpUrl() {
    for (String bad : List.of("id.example.com", "ftp://id.example.com", "http://", "h ttp://x")) {
      ConfigurationError e =
          assertThrows(
              ConfigurationError.class,
              () ->
                  LoginHarness.forIssuer(bad)
                      .clientId("c")
                      .redirectUri("http://127.0.0.1/cb")
                      .build(),
              bad);
      assertEquals("the issuer must be an absolute http(s) URL, not '" + bad + "'", e.getMessage());
    }
  }

  @Test
  void overridesReachTheProfile() throws Exception {
    LoginHarness harness = pixiv().clientId("my-client").build();
    assertEquals("pixiv", harness.provider());
    assertEquals("default", harness.account());
  }

  @Test
  void anUnknownProviderIsAConfigurationError() {
    ConfigurationError e =
        assertThrows(
            ConfigurationError.class,
            () -> LoginHarness.forProvider("no-such-provider").store(store).build());
    assertTrue(
        e.getMessage().contains("neither a readable JSON file nor a built-in"), e.getMessage());
  }

  @Test
  void builtInProfilesAreListedAndPrinted() throws Exception {
    assertEquals(List.of("pixiv", "deviantart"), LoginHarness.builtInProviders());
    assertTrue(LoginHarness.builtInProviderJson("pixiv").contains("\"clientId\""));
    assertThrows(ConfigurationError.class, () -> LoginHarness.builtInProviderJson("nope"));
  }

  @Test
  void withoutAStoredTokenNoBrowserIsOpened() throws Exception {
    LoginFailed e = assertThrows(LoginFailed.class, () -> pixiv().build().tokenWithoutLogin());
    assertTrue(e.getMessage().startsWith("no tokens stored for pixiv/default"), e.getMessage());
  }

  @Test
  void checkNeedsACheckEndpoint() {
    ConfigurationError e = assertThrows(ConfigurationError.class, () -> pixiv().build().check());
    assertTrue(e.getMessage().contains("has no checkEndpoint"), e.getMessage());
  }

  @Test
  void revokeWithoutAnEndpointTellsTheListenerFirst() throws Exception {
    List<String> notices = new ArrayList<>();
    LoginHarness harness =
        pixiv()
            .listener(
                new LoginListener() {
                  @Override
                  public void notice(String line) {
                    notices.add(line);
                  }
                })
            .build();
    assertThrows(LoginFailed.class, harness::revoke);
    assertEquals(
        List.of(
            "login-harness: provider pixiv has no revocation endpoint; the tokens "
                + "stay valid there until they expire"),
        notices);
  }

  @Test
  void mintNeedsAStoreAndOneBrowserAtLeast() throws Exception {
    Path accounts =
        Files.writeString(
            store.resolve("accounts.csv"),
            "account,username,password_env\na1,alice,NO_SUCH_VARIABLE_FOR_THIS_TEST\n");
    assertEquals(
        "parallel must be at least 1",
        assertThrows(ConfigurationError.class, () -> pixiv().build().planMint(accounts, 0))
            .getMessage());
    assertEquals(
        "mint keeps tokens only in the store; a harness without one would discard them",
        assertThrows(
                ConfigurationError.class, () -> pixiv().noStore().build().planMint(accounts, 2))
            .getMessage());
  }

  @Test
  void mintChecksTheWholeAccountsFileFirst() throws Exception {
    Path accounts =
        Files.writeString(
            store.resolve("accounts.csv"),
            "account,username,password_env\na1,alice,NO_SUCH_VARIABLE_FOR_THIS_TEST\n");
    ConfigurationError e =
        assertThrows(ConfigurationError.class, () -> pixiv().build().planMint(accounts, 2));
    assertEquals(
        accounts + " line 2: password_env NO_SUCH_VARIABLE_FOR_THIS_TEST is not set or empty",
        e.getMessage());
  }
}
