package dev.loginharness.demo;

import java.util.Objects;
import java.util.Optional;

/**
 * A validated /authorize request waiting for the user to sign in. It stays on the server, keyed by
 * an opaque id, so the login form cannot be used to smuggle in a different redirect URI or challenge.
 */
record PendingAuthorization(
        String clientId, String redirectUri, String codeChallenge, Optional<String> scope, Optional<String> state) {

    PendingAuthorization {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(redirectUri, "redirectUri");
        Objects.requireNonNull(codeChallenge, "codeChallenge");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(state, "state");
    }
}
