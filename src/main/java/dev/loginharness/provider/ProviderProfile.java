package dev.loginharness.provider;

import dev.loginharness.browser.FormHints;
import dev.loginharness.oauth.ClientAuth;
import dev.loginharness.oauth.ResponseType;
import dev.loginharness.oauth.StateBinding;
import dev.loginharness.oauth.TokenEndpoint;
import dev.loginharness.secret.Secret;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A provider as data: endpoints, client, redirect URI and quirks. Loaded from JSON by {@link
 * ProfileLoader}; the field names there are the contract documented in docs/profiles.md.
 *
 * @param clientSecret the secret written in the profile itself (Pixiv's app secret is public)
 * @param clientSecretEnv the environment variable holding the secret, for secrets that are not
 * @param callbackAliases URLs the provider forwards the browser to from its redirect URI (Pixiv's
 *     {@code pixiv://account/login}); seeing one of them counts as seeing the callback
 * @param issuer the OIDC issuer the endpoints were discovered from, if any
 * @param revocationEndpoint RFC 7009 endpoint for {@code revoke}
 * @param checkEndpoint a bearer-protected URL for {@code check}: 2xx means the token is accepted
 * @param responseType {@code code} (with PKCE), or {@code token} for the legacy implicit grant
 * @param revokeRefreshOnly the revocation endpoint understands DeviantArt's {@code
 *     revoke_refresh_only=true}
 * @param state whether the provider echoes the client's {@code state} (RFC 6749, the default) or
 *     not (Pixiv); see {@link StateBinding}
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
    FormHints login,
    Optional<URI> issuer,
    Optional<URI> revocationEndpoint,
    Optional<URI> checkEndpoint,
    ResponseType responseType,
    boolean revokeRefreshOnly,
    StateBinding state) {

  public ProviderProfile {
    java.util.Objects.requireNonNull(responseType, "responseType");
    java.util.Objects.requireNonNull(state, "state");
    callbackAliases = List.copyOf(callbackAliases);
    scopes = List.copyOf(scopes);
    authorizationParams = Map.copyOf(authorizationParams);
    tokenParams = Map.copyOf(tokenParams);
    headers = Map.copyOf(headers);
  }

  /** A profile with the fields every simple provider shares set to their defaults. */
  public static ProviderProfile basic(
      String name,
      URI authorizationEndpoint,
      URI tokenEndpoint,
      String clientId,
      String redirectUri,
      List<String> callbackAliases,
      List<String> scopes) {
    return new ProviderProfile(
        name,
        authorizationEndpoint,
        tokenEndpoint,
        clientId,
        Optional.empty(),
        Optional.empty(),
        ClientAuth.NONE,
        redirectUri,
        callbackAliases,
        scopes,
        Map.of(),
        Map.of(),
        Map.of(),
        FormHints.NONE,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        ResponseType.CODE,
        false,
        StateBinding.ECHOED);
  }

  /** This profile with another {@link StateBinding}. */
  public ProviderProfile withState(StateBinding binding) {
    return new ProviderProfile(
        name,
        authorizationEndpoint,
        tokenEndpoint,
        clientId,
        clientSecret,
        clientSecretEnv,
        clientAuth,
        redirectUri,
        callbackAliases,
        scopes,
        authorizationParams,
        tokenParams,
        headers,
        login,
        issuer,
        revocationEndpoint,
        checkEndpoint,
        responseType,
        revokeRefreshOnly,
        binding);
  }

  /** The legacy implicit grant: no code, no PKCE, the token comes in the redirect's fragment. */
  public boolean isImplicit() {
    return responseType == ResponseType.TOKEN;
  }

  /**
   * The token endpoint as a browser login needs it: with the secret for the code flow, resolved
   * before the browser opens; an implicit login never calls the endpoint, so it asks for none.
   */
  public TokenEndpoint loginTokenEndpoint(Function<String, String> env) throws ConfigException {
    if (isImplicit()) {
      return new TokenEndpoint(
          tokenEndpoint, clientId, Optional.empty(), ClientAuth.NONE, tokenParams, headers);
    }
    return tokenEndpoint(env);
  }

  /**
   * The token endpoint with the client secret resolved: the literal from the profile, or the value
   * of {@code clientSecretEnv} looked up in {@code env}.
   */
  public TokenEndpoint tokenEndpoint(Function<String, String> env) throws ConfigException {
    Optional<Secret> secret = clientSecret.map(Secret::of);
    if (clientSecretEnv.isPresent()) {
      String value = env.apply(clientSecretEnv.get());
      if (value == null || value.isEmpty()) {
        throw new ConfigException(
            "provider "
                + name
                + ": clientSecretEnv "
                + clientSecretEnv.get()
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
