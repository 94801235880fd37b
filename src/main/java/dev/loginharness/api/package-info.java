/**
 * The public Java API: {@link dev.loginharness.api.LoginHarness} and its typed errors. Everything
 * a test suite or a program needs; the packages below it are the implementation.
 */
package dev.loginharness.api;
