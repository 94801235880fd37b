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
    return new Builder(name, authorizationEndpoint, tokenEndpoint, clientId, redirectUri)
        .callbackAliases(callbackAliases)
        .scopes(scopes)
        .build();
  }

  /** This profile with another {@link StateBinding}. */
  public ProviderProfile withState(StateBinding binding) {
    return toBuilder().state(binding).build();
  }

  /** A builder holding this profile's fields, to change some of them. */
  public Builder toBuilder() {
    Builder b = new Builder(name, authorizationEndpoint, tokenEndpoint, clientId, redirectUri);
    b.clientSecret = clientSecret;
    b.clientSecretEnv = clientSecretEnv;
    b.clientAuth = clientAuth;
    b.callbackAliases = callbackAliases;
    b.scopes = scopes;
    b.authorizationParams = authorizationParams;
    b.tokenParams = tokenParams;
    b.headers = headers;
    b.login = login;
    b.issuer = issuer;
    b.revocationEndpoint = revocationEndpoint;
    b.checkEndpoint = checkEndpoint;
    b.responseType = responseType;
    b.revokeRefreshOnly = revokeRefreshOnly;
    b.state = state;
    return b;
  }

  /**
   * Builds a profile from the five fields every provider has; the others start at the defaults that
   * {@link ProfileLoader} gives a JSON profile that leaves them out.
   */
  public static final class Builder {
    private final String name;
    private final URI authorizationEndpoint;
    private final URI tokenEndpoint;
    private final String clientId;
    private final String redirectUri;
    private Optional<String> clientSecret = Optional.empty();
    private Optional<String> clientSecretEnv = Optional.empty();
    private ClientAuth clientAuth = ClientAuth.NONE;
    private List<String> callbackAliases = List.of();
    private List<String> scopes = List.of();
    private Map<String, String> authorizationParams = Map.of();
    private Map<String, String> tokenParams = Map.of();
    private Map<String, String> headers = Map.of();
    private FormHints login = FormHints.NONE;
    private Optional<URI> issuer = Optional.empty();
    private Optional<URI> revocationEndpoint = Optional.empty();
    private Optional<URI> checkEndpoint = Optional.empty();
    private ResponseType responseType = ResponseType.CODE;
    private boolean revokeRefreshOnly;
    private StateBinding state = StateBinding.ECHOED;

    public Builder(
        String name,
        URI authorizationEndpoint,
        URI tokenEndpoint,
        String clientId,
        String redirectUri) {
      this.name = name;
      this.authorizationEndpoint = authorizationEndpoint;
      this.tokenEndpoint = tokenEndpoint;
      this.clientId = clientId;
      this.redirectUri = redirectUri;
    }

    public Builder clientSecret(String literal) {
      this.clientSecret = Optional.of(literal);
      return this;
    }

    public Builder clientSecretEnv(String variable) {
      this.clientSecretEnv = Optional.of(variable);
      return this;
    }

    public Builder clientAuth(ClientAuth clientAuth) {
      this.clientAuth = clientAuth;
      return this;
    }

    public Builder callbackAliases(List<String> callbackAliases) {
      this.callbackAliases = callbackAliases;
      return this;
    }

    public Builder scopes(List<String> scopes) {
      this.scopes = scopes;
      return this;
    }

    public Builder authorizationParams(Map<String, String> authorizationParams) {
      this.authorizationParams = authorizationParams;
      return this;
    }

    public Builder tokenParams(Map<String, String> tokenParams) {
      this.tokenParams = tokenParams;
      return this;
    }

    public Builder headers(Map<String, String> headers) {
      this.headers = headers;
      return this;
    }

    public Builder login(FormHints login) {
      this.login = login;
      return this;
    }

    public Builder issuer(URI issuer) {
      this.issuer = Optional.of(issuer);
      return this;
    }

    public Builder revocationEndpoint(URI revocationEndpoint) {
      this.revocationEndpoint = Optional.of(revocationEndpoint);
      return this;
    }

    public Builder checkEndpoint(URI checkEndpoint) {
      this.checkEndpoint = Optional.of(checkEndpoint);
      return this;
    }

    public Builder responseType(ResponseType responseType) {
      this.responseType = responseType;
      return this;
    }

    public Builder revokeRefreshOnly(boolean revokeRefreshOnly) {
      this.revokeRefreshOnly = revokeRefreshOnly;
      return this;
    }

    public Builder state(StateBinding state) {
      this.state = state;
      return this;
    }

    public ProviderProfile build() {
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
          state);
    }
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
