/**
 * The command line: picocli commands that parse flags, build a {@link
 * dev.loginharness.api.LoginHarness}, call it and print. It uses the public API and nothing deeper
 * ({@code CliDependenciesTest} checks), so whatever a flag can do, a program can do too. The one
 * exception is {@link dev.loginharness.cli.FastToken}: the cached {@code token} path reads the
 * store with the lean reader before any library is loaded.
 */
package dev.loginharness.cli;
