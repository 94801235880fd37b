package dev.loginharness.api;

import dev.loginharness.browser.BrowserConfigException;
import dev.loginharness.browser.BrowserUnavailableException;
import dev.loginharness.flow.HumanStepNeededException;
import dev.loginharness.flow.LoginFailedException;
import dev.loginharness.oauth.TokenEndpointException;
import dev.loginharness.provider.ConfigException;
import dev.loginharness.store.StoreException;

/**
 * The one place internal failures become the API's typed errors. Messages pass through as they are:
 * each layer builds them redacted and one line long; the internal exception becomes the cause, as a
 * {@link RedactedCause} chain, with its stack trace.
 */
final class ErrorMapping {
  /** Work of the layers below, throwing their own exceptions. */
  interface Call<T> {
    T run() throws Exception;
  }

  private ErrorMapping() {}

  static <T> T call(Call<T> call) throws HarnessException {
    try {
      return call.run();
    } catch (HumanStepNeededException e) {
      throw new ChallengeRequired(e.getMessage(), e);
    } catch (LoginFailedException e) {
      throw new LoginFailed(e.getMessage(), e.loginNeeded(), e);
    } catch (TokenEndpointException e) {
      throw new TokenEndpointError(
          e.getMessage(),
          e,
          e.oauthError() ? e.error() : null,
          e.description().orElse(null),
          e.httpStatus(),
          e.temporary());
    } catch (BrowserUnavailableException e) {
      throw new BrowserUnavailable(e.getMessage(), e);
    } catch (ConfigException | StoreException | BrowserConfigException e) {
      throw new ConfigurationError(e.getMessage(), e);
    } catch (HarnessException e) {
      throw e;
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("unexpected " + e.getClass().getSimpleName(), e);
    }
  }

  /** {@link #call} for work that can only be misconfigured: nothing is logged in or fetched yet. */
  static <T> T configuring(Call<T> work) throws ConfigurationError {
    try {
      return call(work);
    } catch (ConfigurationError e) {
      throw e;
    } catch (HarnessException e) {
      throw new IllegalStateException(
          "a configuration step failed as " + e.getClass().getSimpleName() + ": " + e.getMessage(),
          e);
    }
  }
}
