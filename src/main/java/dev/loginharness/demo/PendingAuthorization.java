package dev.loginharness.demo;

import java.util.Objects;
import java.util.Optional;

/**
 * A validated /authorize request waiting for the user to sign in. It stays on the server, keyed by
 * an opaque id, so the login form cannot be used to smuggle in a different redirect URI or
 * challenge.
 *
 * @param codeChallenge present exactly for the code flow: PKCE is mandatory there and meaningless
 *     for the implicit flow, which has no token request to prove anything in
 */
record PendingAuthorization(
    String clientId,
    String redirectUri,
    ResponseType responseType,
    Optional<String> codeChallenge,
    Optional<String> scope,
    Optional<String> state) {

  /** What the client asked to receive at its redirect URI. */
  enum ResponseType {
    /** An authorization code in the query (RFC 6749 4.1). */
    CODE,
    /** An access token in the fragment (RFC 6749 4.2, the implicit grant). */
    TOKEN
  }

  PendingAuthorization {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(redirectUri, "redirectUri");
    Objects.requireNonNull(responseType, "responseType");
    Objects.requireNonNull(codeChallenge, "codeChallenge");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(state, "state");
    if (codeChallenge.isPresent() != (responseType == ResponseType.CODE)) {
      throw new IllegalArgumentException(
          "a code challenge belongs to the code flow and only there");
    }
  }

  /** A code-flow request (the only kind before the implicit grant was added). */
  static PendingAuthorization code(
      String clientId,
      String redirectUri,
      String codeChallenge,
      Optional<String> scope,
      Optional<String> state) {
    return new PendingAuthorization(
        clientId, redirectUri, ResponseType.CODE, Optional.of(codeChallenge), scope, state);
  }

  static PendingAuthorization token(
      String clientId, String redirectUri, Optional<String> scope, Optional<String> state) {
    return new PendingAuthorization(
        clientId, redirectUri, ResponseType.TOKEN, Optional.empty(), scope, state);
  }

  boolean implicit() {
    return responseType == ResponseType.TOKEN;
  }
}
