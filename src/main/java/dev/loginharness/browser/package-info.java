/**
 * The browser side: starting Chromium through Selenium as drivers.properties says ({@link
 * dev.loginharness.browser.Browsers}: locate the executables, launch locally or on a Grid, attach
 * to a running browser), seeing the callback in its network traffic ({@link
 * dev.loginharness.browser.CallbackCapture}) and filling login forms ({@link
 * dev.loginharness.browser.FormFiller}: the profile's explicit steps, then a page-by-page loop that
 * reads each page — through open shadow roots and into same-origin frames — through the classifier
 * in {@code page-model.js}, a resource beside the classes, tested in Chromium by {@code
 * PageModelE2ETest}). Knows nothing of tokens.
 */
package dev.loginharness.browser;
