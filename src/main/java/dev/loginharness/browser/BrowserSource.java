package dev.loginharness.browser;

/**
 * Where a login gets its browser: {@link Browsers} launches one for every login, a
 * {@link ReusableBrowser} lends one worker's browser to its logins one after another.
 */
@FunctionalInterface
public interface BrowserSource {

  /** A browser for one login; {@code headless=false} is a visible window for a person. */
  BrowserLease lease(boolean headless) throws BrowserUnavailableException;
}
