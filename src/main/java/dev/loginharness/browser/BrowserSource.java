package dev.loginharness.browser;

/**
 * Where a login gets its browser: {@link Browsers} launches one for every login, a {@link
 * SharedBrowser} lends tabs of one browser to many logins.
 */
@FunctionalInterface
public interface BrowserSource {

  /** A browser for one login; {@code headless=false} is a visible window for a person. */
  BrowserLease lease(boolean headless) throws BrowserUnavailableException;
}
