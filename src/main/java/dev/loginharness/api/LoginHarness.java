package dev.loginharness.api;

import dev.loginharness.browser.BrowserConfigException;
import dev.loginharness.browser.BrowserUnavailableException;
import dev.loginharness.browser.Browsers;
import dev.loginharness.browser.DriverSettings;
import dev.loginharness.flow.HumanStepNeededException;
import dev.loginharness.flow.LoginFailedException;
import dev.loginharness.flow.LoginFlow;
import dev.loginharness.flow.TokenService;
import dev.loginharness.oauth.TokenClient;
import dev.loginharness.oauth.TokenEndpoint;
import dev.loginharness.oauth.TokenEndpointException;
import dev.loginharness.oauth.TokenSet;
import dev.loginharness.provider.ConfigException;
import dev.loginharness.provider.Discoverer;
import dev.loginharness.provider.ProfileLoader;
import dev.loginharness.provider.ProviderProfile;
import dev.loginharness.store.StoreException;
import dev.loginharness.store.StoreNames;
import dev.loginharness.store.TokenStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The library's front door: tokens for one provider and account, from the store when still
 * valid, refreshed when near expiry, from a browser login when needed.
 *
 * <pre>{@code
 * TokenSet tokens = LoginHarness.forProvider("pixiv")
 *     .account("ci-1")
 *     .credentials(Credentials.fromEnv("PIXIV_USER", "PIXIV_PASS"))
 *     .headless()
 *     .build()
 *     .token();
 * }</pre>
 *
 * Instances are immutable and thread-safe; concurrent {@link #token()} calls — in this JVM or
 * across processes sharing the store — cause at most one refresh or login.
 */
public final class LoginHarness {
  private final ProviderProfile profile;
  private final TokenEndpoint endpoint;
  private final String account;
  private final Optional<Credentials> credentials;
  private final boolean headless;
  private final Duration minValidity;
  private final Duration timeout;
  private final Duration stepTimeout;
  private final Browsers browsers;
  private final TokenService service;

  private LoginHarness(Builder b, ProviderProfile profile, TokenEndpoint endpoint, Browsers browsers,
      TokenStore store) {
    this.profile = profile;
    this.endpoint = endpoint;
    this.account = b.account;
    this.credentials = b.credentials;
    this.headless = b.headless;
    this.minValidity = b.minValidity;
    this.timeout = b.timeout;
    this.stepTimeout = b.stepTimeout;
    this.browsers = browsers;
    this.service = new TokenService(store, TokenClient.shared(), Clock.systemUTC());
  }

  /** A built-in profile's name ({@code pixiv}, {@code deviantart}) or a profile file's path. */
  public static Builder forProvider(String nameOrPath) {
    return new Builder(Objects.requireNonNull(nameOrPath, "provider"), null);
  }

  /** A profile built in code. */
  public static Builder forProfile(ProviderProfile profile) {
    return new Builder(null, Objects.requireNonNull(profile, "profile"));
  }

  /** A token valid for at least the builder's {@code minValidity}; logs in only when it must. */
  public TokenSet token() throws HarnessException {
    return call(() -> service.token(profile, endpoint, account, minValidity, Optional.of(this::browserLogin)));
  }

  /** A browser login now, whatever is stored; the result is stored. */
  public TokenSet login() throws HarnessException {
    return call(() -> service.keep(profile, account, browserLogin()));
  }

  /** Refreshes with the stored refresh token and stores the result. */
  public TokenSet refresh() throws HarnessException {
    return call(() -> service.refresh(profile, endpoint, account, Optional.empty()));
  }

  /** Whether the provider accepts the stored access token (its check endpoint or userinfo). */
  public boolean check() throws HarnessException {
    return call(() -> service.check(profile, account).accepted());
  }

  /** Revokes the stored tokens at the provider, where it can, and forgets them. */
  public void revoke() throws HarnessException {
    call(() -> service.revoke(profile, endpoint, account, false));
  }

  public String provider() {
    return profile.name();
  }

  public String account() {
    return account;
  }

  private TokenSet browserLogin() throws LoginFailedException, TokenEndpointException,
      BrowserUnavailableException, ConfigException {
    Optional<dev.loginharness.flow.Credentials> flowCredentials = Optional.empty();
    if (credentials.isPresent()) {
      try {
        flowCredentials = Optional.of(credentials.get().toFlow());
      } catch (ConfigurationError e) {
        throw new ConfigException(e.getMessage());
      }
    }
    return new LoginFlow(profile, endpoint, browsers, TokenClient.shared(),
        new LoginFlow.Options(headless, flowCredentials, timeout, stepTimeout)).run().tokens();
  }

  private interface Call<T> {
    T run() throws Exception;
  }

  /** The one place internal failures become the API's typed errors. */
  private static <T> T call(Call<T> call) throws HarnessException {
    try {
      return call.run();
    } catch (HumanStepNeededException e) {
      throw new ChallengeRequired(e.getMessage(), null);
    } catch (LoginFailedException e) {
      throw new LoginFailed(e.getMessage(), null);
    } catch (TokenEndpointException e) {
      throw new TokenEndpointError(e.getMessage(), null);
    } catch (BrowserUnavailableException e) {
      throw new BrowserUnavailable(e.getMessage(), null);
    } catch (ConfigException | StoreException | BrowserConfigException e) {
      throw new ConfigurationError(e.getMessage(), null);
    } catch (HarnessException e) {
      throw e;
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("unexpected " + e.getClass().getSimpleName(), e);
    }
  }

  /** Collects the settings; {@link #build()} checks them all and resolves the profile. */
  public static final class Builder {
    private final String nameOrPath;
    private final ProviderProfile profile;
    private String account = "default";
    private Optional<Credentials> credentials = Optional.empty();
    private boolean headless = true;
    private Duration minValidity = Duration.ofSeconds(60);
    private Duration timeout = Duration.ofMinutes(2);
    private Duration stepTimeout = Duration.ofSeconds(20);
    private Optional<Path> store = Optional.empty();
    private boolean noStore;
    private Optional<Path> driversFile = Optional.empty();

    private Builder(String nameOrPath, ProviderProfile profile) {
      this.nameOrPath = nameOrPath;
      this.profile = profile;
    }

    public Builder account(String account) {
      this.account = account;
      return this;
    }

    public Builder credentials(Credentials credentials) {
      this.credentials = Optional.ofNullable(credentials);
      return this;
    }

    /** No window; the form is filled with the credentials (the default). */
    public Builder headless() {
      this.headless = true;
      return this;
    }

    /** A visible window for a person to sign in. */
    public Builder headful() {
      this.headless = false;
      return this;
    }

    /** {@link #token()} refreshes when the token expires within this (default 60 s). */
    public Builder minValidity(Duration minValidity) {
      this.minValidity = minValidity;
      return this;
    }

    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    public Builder stepTimeout(Duration stepTimeout) {
      this.stepTimeout = stepTimeout;
      return this;
    }

    /** The token store directory (default: $LOGIN_HARNESS_STORE, else the XDG config dir). */
    public Builder store(Path directory) {
      this.store = Optional.of(directory);
      return this;
    }

    /** Keep nothing on disk. */
    public Builder noStore() {
      this.noStore = true;
      return this;
    }

    /** drivers.properties to use (default: $LOGIN_HARNESS_DRIVERS, ./drivers.properties, built-in). */
    public Builder drivers(Path driversProperties) {
      this.driversFile = Optional.of(driversProperties);
      return this;
    }

    public LoginHarness build() throws ConfigurationError {
      if (!StoreNames.isValid(account)) {
        throw new ConfigurationError("account must be 1-64 letters, digits, '.', '_' or '-': " + account, null);
      }
      if (headless && credentials.isEmpty()) {
        throw new ConfigurationError("a headless harness needs credentials (Credentials.fromEnv)", null);
      }
      for (Duration d : new Duration[] {minValidity, timeout, stepTimeout}) {
        if (d == null || d.isNegative() || (d != minValidity && d.isZero())) {
          throw new ConfigurationError("durations must be positive", null);
        }
      }
      try {
        ProviderProfile resolved = profile != null ? profile
            : ProfileLoader.load(nameOrPath, Map.of(), Discoverer.oidc());
        TokenEndpoint endpoint = resolved.tokenEndpoint(System::getenv);
        Browsers browsers = new Browsers(DriverSettings.load(driversFile, System.getenv()), System.getenv());
        TokenStore tokenStore = noStore ? TokenStore.none()
            : TokenStore.at(store.orElseGet(() -> TokenStore.defaultDirectory(System.getenv())));
        return new LoginHarness(this, resolved, endpoint, browsers, tokenStore);
      } catch (ConfigException | BrowserConfigException e) {
        throw new ConfigurationError(e.getMessage(), null);
      }
    }
  }
}
