package dev.loginharness.oauth;

import dev.loginharness.secret.Secret;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the token endpoint needs to know about the client: where, who, how it authenticates,
 * and the profile's extra parameters and headers.
 *
 * @param extraParams added to every token request; may never replace a core parameter
 */
public record TokenEndpoint(
    URI uri,
    String clientId,
    Optional<Secret> clientSecret,
    ClientAuth auth,
    Map<String, String> extraParams,
    Map<String, String> headers) {

  static final Set<String> CORE_PARAMS =
      Set.of(
          "grant_type",
          "code",
          "code_verifier",
          "redirect_uri",
          "client_id",
          "client_secret",
          "refresh_token");

  public TokenEndpoint {
    if (uri == null || clientId == null || clientId.isBlank()) {
      throw new IllegalArgumentException("token endpoint and client id are required");
    }
    if (auth != ClientAuth.NONE && clientSecret.isEmpty()) {
      throw new IllegalArgumentException(
          "clientAuth "
              + auth.name().toLowerCase()
              + " needs a client secret (clientSecret or clientSecretEnv)");
    }
    for (String name : extraParams.keySet()) {
      if (CORE_PARAMS.contains(name)) {
        throw new IllegalArgumentException(
            "token parameter '" + name + "' is set by login-harness and cannot be overridden");
      }
    }
    extraParams = Map.copyOf(extraParams);
    headers = Map.copyOf(headers);
  }
}
