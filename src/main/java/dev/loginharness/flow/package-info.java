/**
 * The use cases: a browser login ({@link dev.loginharness.flow.LoginFlow}), with the timings of
 * each phase. Orchestrates browser, oauth and provider; contains no HTTP, JSON or Selenium detail
 * of its own.
 */
package dev.loginharness.flow;
