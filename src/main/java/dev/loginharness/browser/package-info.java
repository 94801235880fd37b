/**
 * The browser side: starting Chromium through Selenium as drivers.properties says ({@link
 * dev.loginharness.browser.Browsers}: locate the executables, launch locally or on a Grid, attach
 * to a running browser), seeing the callback in its network traffic ({@link
 * dev.loginharness.browser.CallbackCapture}) and filling login forms ({@link
 * dev.loginharness.browser.FormFiller}). Knows nothing of tokens.
 */
package dev.loginharness.browser;
