package dev.loginharness.store;

import java.net.URI;
import java.util.Objects;

/**
 * Where stored tokens came from: the token endpoint that issued them and the client they were
 * issued to. A refresh token is only good there, and an access token only means something to that
 * server's APIs; a profile of the same name that now points elsewhere (a staging server, a
 * restarted test provider, another client id) must not be handed them.
 */
public record TokenOrigin(URI tokenEndpoint, String clientId) {
  public TokenOrigin {
    Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
    Objects.requireNonNull(clientId, "clientId");
  }

  /** "https://host/token, client abc", for messages; neither part is a secret. */
  public String describe() {
    return tokenEndpoint + ", client " + clientId;
  }
}
