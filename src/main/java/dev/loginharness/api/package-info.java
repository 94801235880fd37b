/**
 * The public Java API: {@link dev.loginharness.api.LoginHarness}, the values it is configured with,
 * its results and its typed errors. Everything a test suite, a program or the command line needs;
 * the packages below it are the implementation, and {@code LoginHarness} is the one place their
 * failures become {@link dev.loginharness.api.HarnessException}s.
 */
package dev.loginharness.api;
