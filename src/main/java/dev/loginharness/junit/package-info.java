/**
 * JUnit 5 support: {@link dev.loginharness.junit.LoginHarnessExtension} injects tokens into tests —
 * configured in code ({@code @RegisterExtension} and {@code forProfile(…)}) or by annotations and
 * configuration parameters ({@code @ExtendWith}) — {@link
 * dev.loginharness.junit.DisabledWithoutCredentials} skips tests without secrets, {@link
 * dev.loginharness.junit.AccountLocks} serialises tests sharing an account. Uses only the public
 * API in {@code dev.loginharness.api}.
 *
 * <p>Package-private: {@code ExtensionSetup} (what an extension configured in code knows), {@code
 * TokenKey} (what an annotation asks for, with the configuration parameters), {@code MintedToken}
 * (one account's token for the run), {@code RunStore} (the run's own token store) and {@code
 * CredentialsCondition} (the annotation's condition).
 */
package dev.loginharness.junit;
