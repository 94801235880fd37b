/**
 * Helpers the tests of several packages share: a recording HTTP server on loopback ({@link
 * dev.loginharness.testing.StubServer}) and free loopback ports ({@link
 * dev.loginharness.testing.Loopback}). Test code only.
 */
package dev.loginharness.testing;
