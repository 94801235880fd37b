package dev.loginharness.oauth;

import dev.loginharness.secret.Secret;
import java.net.URI;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One authorization request: endpoint, client, redirect URI, scopes, a fresh {@code state} and PKCE
 * pair. Immutable; {@link #uri()} is what the browser opens.
 *
 * <p>Extra parameters (Pixiv's {@code client=pixiv-android}) are kept apart and may never replace a
 * core parameter — a profile adds, it cannot weaken PKCE or swap the redirect.
 */
public final class AuthorizationRequest {
  static final Set<String> CORE_PARAMS =
      Set.of(
          "response_type",
          "client_id",
          "redirect_uri",
          "scope",
          "state",
          "code_challenge",
          "code_challenge_method");

  /** 24 random octets: 192 bits, above the 128 the issue (and RFC 6749 §10.10) ask for. */
  private static final int STATE_OCTETS = 24;

  private final URI endpoint;
  private final String clientId;
  private final String redirectUri;
  private final List<String> scopes;
  private final Secret state;
  private final Pkce pkce;
  private final Map<String, String> extraParams;
  private final ResponseType responseType;
  private final StateBinding stateBinding;

  private AuthorizationRequest(Builder b) {
    this.responseType = Objects.requireNonNull(b.responseType, "response type");
    this.endpoint = Objects.requireNonNull(b.endpoint, "authorization endpoint");
    this.clientId = requireText(b.clientId, "client id");
    this.redirectUri = requireText(b.redirectUri, "redirect URI");
    this.scopes = List.copyOf(b.scopes);
    this.state = Objects.requireNonNull(b.state, "state");
    this.pkce = Objects.requireNonNull(b.pkce, "pkce");
    this.stateBinding = Objects.requireNonNull(b.stateBinding, "state binding");
    for (String name : b.extraParams.keySet()) {
      if (CORE_PARAMS.contains(name)) {
        throw new IllegalArgumentException(
            "authorization parameter '"
                + name
                + "' is set by login-harness and cannot be overridden");
      }
    }
    this.extraParams = Map.copyOf(b.extraParams);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The URL the browser opens. Parameter order is stable so URLs are comparable in tests. */
  public URI uri() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("response_type", responseType.value());
    params.put("client_id", clientId);
    params.put("redirect_uri", redirectUri);
    if (!scopes.isEmpty()) {
      params.put("scope", String.join(" ", scopes));
    }
    if (stateBinding.sendsState()) {
      params.put("state", state.reveal());
    }
    if (responseType == ResponseType.CODE) {
      params.put("code_challenge", pkce.challenge());
      params.put("code_challenge_method", Pkce.METHOD);
    }
    params.putAll(extraParams);
    String base = endpoint.toString();
    String separator = base.contains("?") ? "&" : "?";
    return URI.create(base + separator + FormEncoding.encode(params));
  }

  public String clientId() {
    return clientId;
  }

  public String redirectUri() {
    return redirectUri;
  }

  /** The state sent, or for a provider that does not echo it, the one kept only for comparison. */
  public Secret state() {
    return state;
  }

  public StateBinding stateBinding() {
    return stateBinding;
  }

  /** Whether {@code callback} may be redeemed for this request, by its state. */
  public boolean accepts(Callback callback) {
    return stateBinding.accepts(callback.state(), state);
  }

  public Pkce pkce() {
    return pkce;
  }

  public List<String> scopes() {
    return scopes;
  }

  private static String requireText(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " is required");
    }
    return value;
  }

  @Override
  public String toString() {
    return "AuthorizationRequest["
        + endpoint
        + ", client_id="
        + clientId
        + ", redirect_uri="
        + redirectUri
        + "]";
  }

  public static final class Builder {
    private URI endpoint;
    private String clientId;
    private String redirectUri;
    private List<String> scopes = List.of();
    private Secret state;
    private Pkce pkce;
    private final Map<String, String> extraParams = new LinkedHashMap<>();
    private ResponseType responseType = ResponseType.CODE;
    private StateBinding stateBinding = StateBinding.ECHOED;

    private Builder() {}

    /** Whether the provider echoes {@code state}; without, none is sent. */
    public Builder stateBinding(StateBinding binding) {
      this.stateBinding = binding;
      return this;
    }

    /**
     * {@link ResponseType#CODE} (the default, with PKCE) or {@link ResponseType#TOKEN}: the legacy
     * implicit grant, kept for clients registered before OAuth 2.1 removed it.
     */
    public Builder responseType(ResponseType responseType) {
      this.responseType = responseType;
      return this;
    }

    public Builder endpoint(URI endpoint) {
      this.endpoint = endpoint;
      return this;
    }

    public Builder clientId(String clientId) {
      this.clientId = clientId;
      return this;
    }

    public Builder redirectUri(String redirectUri) {
      this.redirectUri = redirectUri;
      return this;
    }

    public Builder scopes(List<String> scopes) {
      this.scopes = scopes == null ? List.of() : scopes;
      return this;
    }

    public Builder extraParams(Map<String, String> params) {
      if (params != null) {
        extraParams.putAll(params);
      }
      return this;
    }

    /** Fresh state and PKCE from a CSPRNG; tests may set them explicitly instead. */
    public Builder randomize(SecureRandom random) {
      byte[] bytes = new byte[STATE_OCTETS];
      random.nextBytes(bytes);
      this.state = Secret.of(Pkce.base64Url(bytes));
      this.pkce = Pkce.generate(random);
      return this;
    }

    public Builder state(Secret state) {
      this.state = state;
      return this;
    }

    public Builder pkce(Pkce pkce) {
      this.pkce = pkce;
      return this;
    }

    public AuthorizationRequest build() {
      return new AuthorizationRequest(this);
    }
  }
}
