/**
 * JUnit 5 support: {@link dev.loginharness.junit.LoginHarnessExtension} injects tokens into tests,
 * {@link dev.loginharness.junit.DisabledWithoutCredentials} skips tests without secrets, {@link
 * dev.loginharness.junit.AccountLocks} serialises tests sharing an account. Uses only the public
 * API in {@code dev.loginharness.api}.
 */
package dev.loginharness.junit;
