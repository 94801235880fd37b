package dev.loginharness.api;

/**
 * Why the harness could not produce a token. Sealed, with a {@link #kind()} to switch over (an
 * ordinary {@code switch}, which Java 17 allows on an enum but not on a sealed type's subclasses):
 *
 * <pre>{@code
 * switch (e.kind()) {
 *   case LOGIN_NEEDED_OR_FAILED -> …   // log in again
 *   case TEMPORARY_FAILURE -> …        // try again later
 *   default -> throw e;
 * }
 * }</pre>
 *
 * <p>Messages are one line and never contain a code, token, password or client secret. The cause,
 * when there is one, is the failure underneath as a chain of {@link RedactedCause}s: each link's
 * class name, message (redacted) and stack trace, never the original objects, whose messages were
 * written by libraries that do not know what is secret. Stack traces are always filled in.
 */
public abstract sealed class HarnessException extends Exception
    permits LoginFailed,
        ChallengeRequired,
        TokenEndpointError,
        BrowserUnavailable,
        ConfigurationError {

  /** What the caller can do about it; one kind per exit code of the command line. */
  public enum Kind {
    /** {@link ConfigurationError}: a setting, the profile or the token store needs fixing. */
    CONFIGURATION,
    /** {@link LoginFailed}: the login was refused or timed out, or one is needed first. */
    LOGIN_NEEDED_OR_FAILED,
    /** {@link TokenEndpointError}: the provider refused the request or answered nonsense. */
    TOKEN_ENDPOINT_REFUSED,
    /**
     * {@link TokenEndpointError#temporary()}: the endpoint failed (5xx, 429) or could not be
     * reached, or the connection dropped or timed out; the same call may work later.
     */
    TEMPORARY_FAILURE,
    /** {@link BrowserUnavailable}: no browser session could be had. */
    BROWSER_UNAVAILABLE,
    /** {@link ChallengeRequired}: only a person can take the next step. */
    CHALLENGE_REQUIRED
  }

  HarnessException(String message, Throwable cause) {
    super(message, RedactedCause.of(cause));
  }

  /** Which of the kinds above this is. */
  public abstract Kind kind();
}
