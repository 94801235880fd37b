package dev.loginharness.provider;

import dev.loginharness.oauth.ClientAuth;
import dev.loginharness.oauth.TokenEndpoint;
import dev.loginharness.secret.Secret;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A provider as data: endpoints, client, redirect URI and quirks. Loaded from JSON by
 * {@link ProfileLoader}; the field names there are the contract documented in README.md.
 *
 * @param clientSecret the secret written in the profile itself (Pixiv's app secret is public)
 * @param clientSecretEnv the environment variable holding the secret, for secrets that are not
 * @param callbackAliases URLs the provider forwards the browser to from its redirect URI (Pixiv's
 *     {@code pixiv://account/login}); seeing one of them counts as seeing the callback
 */
public record ProviderProfile(
    String name,
    URI authorizationEndpoint,
    URI tokenEndpoint,
    String clientId,
    Optional<String> clientSecret,
    Optional<String> clientSecretEnv,
    ClientAuth clientAuth,
    String redirectUri,
    List<String> callbackAliases,
    List<String> scopes,
    Map<String, String> authorizationParams,
    Map<String, String> tokenParams,
    Map<String, String> headers,
    LoginHints login) {

  public ProviderProfile {
    callbackAliases = List.copyOf(callbackAliases);
    scopes = List.copyOf(scopes);
    authorizationParams = Map.copyOf(authorizationParams);
    tokenParams = Map.copyOf(tokenParams);
    headers = Map.copyOf(headers);
  }

  /**
   * The token endpoint with the client secret resolved: the literal from the profile, or the
   * value of {@code clientSecretEnv} looked up in {@code env}.
   */
  public TokenEndpoint tokenEndpoint(Function<String, String> env) throws ConfigException {
    Optional<Secret> secret = clientSecret.map(Secret::of);
    if (clientSecretEnv.isPresent()) {
      String value = env.apply(clientSecretEnv.get());
      if (value == null || value.isEmpty()) {
        throw new ConfigException("provider " + name + ": clientSecretEnv " + clientSecretEnv.get()
            + " is not set or empty");
      }
      secret = Optional.of(Secret.of(value));
    }
    try {
      return new TokenEndpoint(tokenEndpoint, clientId, secret, clientAuth, tokenParams, headers);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("provider " + name + ": " + e.getMessage());
    }
  }
}
