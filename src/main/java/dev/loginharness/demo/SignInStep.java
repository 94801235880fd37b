package dev.loginharness.demo;

import java.util.Objects;

/**
 * A sign-in between two pages, kept on the server under an opaque id that the next page's form
 * carries. The id names the stage it was issued for, so a code page's id cannot be posted to the
 * password page to skip a factor.
 *
 * @param requestId the pending authorization's id; it is completed when the password is accepted,
 *     so later stages only keep it for reference
 * @param username who is signing in: typed on the first page, shown (never editable) afterwards
 */
record SignInStep(PendingAuthorization request, String requestId, String username, Stage stage) {
  /** The pages after the first one, in the order they are shown. */
  enum Stage {
    /** Page 2 of the username-first style: the password for an already entered username. */
    PASSWORD,
    /** The authenticator code after a correct password. */
    ONE_TIME_CODE,
    /** "Stay signed in?", after the last factor. */
    STAY_SIGNED_IN
  }

  SignInStep {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(stage, "stage");
  }
}
