package dev.loginharness.junit;

import dev.loginharness.api.Credentials;
import dev.loginharness.api.HarnessException;
import dev.loginharness.api.LoginHarness;
import dev.loginharness.provider.ProviderProfile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What a {@link LoginHarnessExtension} made in code knows: the provider, who logs in as each
 * account, the store and the harness settings. Immutable; each change is a copy.
 *
 * @param provider the name a {@link HarnessToken#provider()} may give: the profile's name, or the
 *     name or path given to {@code forProvider}
 * @param profile the profile built in code, if it was one
 * @param configure applied last to each account's {@link LoginHarness.Builder}
 */
record ExtensionSetup(
    String provider,
    Optional<ProviderProfile> profile,
    Map<String, Account> accounts,
    Optional<Path> store,
    UnaryOperator<LoginHarness.Builder> configure) {

  /**
   * Who logs in as one account.
   *
   * @param variables the environment variables the source reads, if it reads any: a test marked
   *     {@link DisabledWithoutCredentials} is skipped when one is not set
   */
  record Account(Credentials.Source source, List<String> variables) {}

  ExtensionSetup {
    accounts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(accounts));
  }

  ExtensionSetup withAccount(String name, Account account) {
    Map<String, Account> copy = new LinkedHashMap<>(accounts);
    copy.put(name, account);
    return new ExtensionSetup(provider, profile, copy, store, configure);
  }

  ExtensionSetup withStore(Path directory) {
    return new ExtensionSetup(provider, profile, accounts, Optional.of(directory), configure);
  }

  ExtensionSetup withConfigure(UnaryOperator<LoginHarness.Builder> more) {
    UnaryOperator<LoginHarness.Builder> before = configure;
    return new ExtensionSetup(
        provider, profile, accounts, store, builder -> more.apply(before.apply(builder)));
  }

  /**
   * What is wrong with asking for this account, if anything: a sentence naming the call that fixes
   * it.
   */
  Optional<String> problemWith(String account) {
    if (accounts.containsKey(account)) {
      return Optional.empty();
    }
    return Optional.of(
        accounts.isEmpty()
            ? "the extension has no credentials: call credentials(…) on it"
            : "the extension has no account "
                + account
                + " (it has "
                + String.join(", ", accounts.keySet())
                + "): call account(\""
                + account
                + "\", …) on it");
  }

  /** The harness of one account ({@link #problemWith} is empty), on the given store directory. */
  LoginHarness harness(String account, Path storeDirectory, Duration minValidity)
      throws HarnessException {
    Account credentials = accounts.get(account);
    LoginHarness.Builder builder =
        profile.map(LoginHarness::forProfile).orElseGet(() -> LoginHarness.forProvider(provider));
    builder
        .account(account)
        .credentials(credentials.source())
        .minValidity(minValidity)
        .store(storeDirectory)
        .headless();
    LoginHarness.Builder configured = configure.apply(builder);
    return (configured == null ? builder : configured).build();
  }
}
