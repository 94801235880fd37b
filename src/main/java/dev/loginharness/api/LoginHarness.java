package dev.loginharness.api;

import dev.loginharness.flow.TokenService;
import dev.loginharness.oauth.TokenClient;
import dev.loginharness.oauth.TokenEndpoint;
import dev.loginharness.oauth.TokenSet;
import dev.loginharness.provider.ConfigException;
import dev.loginharness.provider.Discoverer;
import dev.loginharness.provider.ProfileLoader;
import dev.loginharness.provider.ProviderProfile;
import dev.loginharness.secret.Secret;
import dev.loginharness.store.DiscoveryCache;
import dev.loginharness.store.StoreException;
import dev.loginharness.store.StoredTokens;
import dev.loginharness.store.TokenOrigin;
import dev.loginharness.store.TokenStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The library's front door: tokens for one provider and account, from the store when still valid,
 * refreshed when near expiry, from a browser login when needed — and the rest of the lifecycle:
 * refresh, check, revoke, the client credentials grant, and minting many accounts. The command line
 * is a client of this class and nothing else.
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
 * across processes sharing the store — cause at most one refresh or login. Every failure is a
 * {@link HarnessException} with a one-line message that never contains a secret.
 */
public final class LoginHarness {
  /** What a headless login does when it meets a step only a person can take. */
  public enum OnChallenge {
    /** End the login with {@link ChallengeRequired} (the default). */
    FAIL,
    /**
     * Open a visible browser on the same authorization request, with the headless session's
     * cookies, for a person to finish while the capture stays armed. Needs a display.
     */
    HEADFUL
  }

  private static final Duration HEADLESS_TIMEOUT = Duration.ofMinutes(2);

  /** A person needs longer than a form filler: reading, typing, a second factor. */
  private static final Duration HEADFUL_TIMEOUT = Duration.ofMinutes(10);

  private final ProviderProfile profile;
  private final String account;
  private final boolean headless;
  private final Duration minValidity;
  private final LoginListener listener;
  private final boolean stored;
  private final TokenStore store;
  private final TokenService service;
  private final LoginSettings loginSettings;
  private final BrowserLogin browserLogin;
  private final Optional<CachedDiscovery> discovery;

  private LoginHarness(
      Builder b,
      ProviderProfile profile,
      boolean headless,
      TokenStore store,
      Optional<CachedDiscovery> discovery) {
    this.profile = profile;
    this.discovery = discovery;
    this.account = b.account;
    this.headless = headless;
    this.minValidity = b.minValidity;
    this.listener = b.listener;
    this.stored = !b.noStore;
    this.store = store;
    this.service =
        new TokenService(store, TokenClient.shared(), Clock.systemUTC(), b.listener::notice);
    this.loginSettings =
        new LoginSettings(
            profile,
            b.timeout != null ? b.timeout : headless ? HEADLESS_TIMEOUT : HEADFUL_TIMEOUT,
            b.stepTimeout,
            b.driversFile,
            b.driverOverrides,
            b.debugBundles,
            b.listener);
    this.browserLogin = new BrowserLogin(loginSettings, headless, b.credentials, b.onChallenge);
  }

  /** A built-in profile's name ({@code pixiv}, {@code deviantart}) or a profile file's path. */
  public static Builder forProvider(String nameOrPath) {
    return new Builder(Objects.requireNonNull(nameOrPath, "provider"), null, null);
  }

  /**
   * A generic OIDC provider: the endpoints come from {@code issuerUrl}'s {@code
   * /.well-known/openid-configuration}, and the profile is named after its host. Needs {@link
   * Builder#clientId} and {@link Builder#redirectUri}.
   */
  public static Builder forIssuer(String issuerUrl) {
    return new Builder(null, null, Objects.requireNonNull(issuerUrl, "issuerUrl"));
  }

  /** A profile built in code; it is complete, so the builder's profile overrides do not apply. */
  public static Builder forProfile(ProviderProfile profile) {
    return new Builder(null, Objects.requireNonNull(profile, "profile"), null);
  }

  /** The names of the built-in profiles, for {@link #forProvider} and {@code "extends"}. */
  public static List<String> builtInProviders() {
    return ProfileLoader.BUILT_INS;
  }

  /** A built-in profile as JSON, to start a profile file of one's own from. */
  public static String builtInProviderJson(String name) throws ConfigurationError {
    Objects.requireNonNull(name, "name");
    return ErrorMapping.configuring(() -> ProfileLoader.builtInJson(name));
  }

  /**
   * Every entry of the token store in {@code directory}, sorted by provider and account, never a
   * token. An entry that cannot be read says why in {@link StoredEntry#problem()}.
   *
   * @throws ConfigurationError when the directory cannot be listed
   */
  public static List<StoredEntry> storedEntries(Path directory) throws ConfigurationError {
    TokenStore store = TokenStore.at(directory);
    List<TokenStore.StoreKey> keys = ErrorMapping.configuring(store::entries);
    List<StoredEntry> entries = new java.util.ArrayList<>();
    for (TokenStore.StoreKey key : keys) {
      entries.add(entry(store, key));
    }
    return entries;
  }

  /** {@link #storedEntries(Path)} of the default store ({@code $LOGIN_HARNESS_STORE}, …). */
  public static List<StoredEntry> storedEntries() throws ConfigurationError {
    return storedEntries(TokenStore.defaultDirectory(System.getenv()));
  }

  private static StoredEntry entry(TokenStore store, TokenStore.StoreKey key) {
    try {
      Optional<StoredTokens> read = store.read(key.provider(), key.account());
      if (read.isPresent()) {
        StoredTokens t = read.get();
        return new StoredEntry(
            key.provider(),
            key.account(),
            t.origin().map(TokenOrigin::tokenEndpoint),
            t.origin().map(TokenOrigin::clientId),
            Optional.of(t.obtainedAt()),
            t.tokens().expiresAt(),
            t.tokens().refreshToken().isPresent() && t.refreshRefusedAt().isEmpty(),
            t.refreshRefusedAt(),
            Optional.empty());
      }
      return unreadable(key, "removed while it was read");
    } catch (StoreException e) {
      return unreadable(key, e.getMessage());
    }
  }

  private static StoredEntry unreadable(TokenStore.StoreKey key, String problem) {
    return new StoredEntry(
        key.provider(),
        key.account(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        false,
        Optional.empty(),
        Optional.of(problem));
  }

  /** A token valid for at least the builder's {@code minValidity}; logs in only when it must. */
  public TokenSet token() throws HarnessException {
    return atTokenEndpoint(
        () ->
            service.token(
                profile, this::endpoint, account, minValidity, Optional.of(browserLogin::run)));
  }

  /**
   * As {@link #token()}, but never opens a browser: the stored token, or a refreshed one.
   *
   * @throws LoginFailed when nothing usable is stored
   */
  public TokenSet tokenWithoutLogin() throws HarnessException {
    return atTokenEndpoint(
        () -> service.token(profile, this::endpoint, account, minValidity, Optional.empty()));
  }

  /** A browser login now, whatever is stored; the result is stored. */
  public TokenSet login() throws HarnessException {
    return atTokenEndpoint(() -> service.keep(profile, account, browserLogin.run()));
  }

  /**
   * Refreshes with the stored refresh token and stores the result.
   *
   * @throws LoginFailed when no refresh token is stored
   */
  public TokenSet refresh() throws HarnessException {
    return atTokenEndpoint(
        () -> service.refresh(profile, this::endpoint, account, Optional.empty()));
  }

  /** Refreshes with {@code refreshToken} (one obtained elsewhere) and stores the result. */
  public TokenSet refresh(Secret refreshToken) throws HarnessException {
    Objects.requireNonNull(refreshToken, "refreshToken");
    return atTokenEndpoint(
        () -> service.refresh(profile, this::endpoint, account, Optional.of(refreshToken)));
  }

  /**
   * Presents the stored access token to the profile's check endpoint (or OIDC userinfo). A refused
   * token is an answer, not an error.
   *
   * @throws ConfigurationError when the profile has no endpoint to check with
   * @throws LoginFailed when nothing is stored
   */
  public TokenCheck check() throws HarnessException {
    return ErrorMapping.call(
        () -> {
          var result = service.check(profile, account);
          return new TokenCheck(result.accepted(), result.httpStatus(), result.detail());
        });
  }

  /**
   * Revokes the stored refresh token, then the access token, at the revocation endpoint (RFC 7009),
   * then deletes them from the store. Without a revocation endpoint the listener is told so and the
   * tokens are only deleted.
   */
  public Revocation revoke() throws HarnessException {
    return revoke(false);
  }

  /**
   * Revokes only the refresh token and keeps the access token (DeviantArt's {@code
   * revoke_refresh_only}; the profile must say {@code revokeRefreshOnly}).
   */
  public Revocation revokeRefreshToken() throws HarnessException {
    return revoke(true);
  }

  private Revocation revoke(boolean refreshOnly) throws HarnessException {
    if (profile.revocationEndpoint().isEmpty()) {
      listener.notice(
          "login-harness: provider "
              + profile.name()
              + " has no revocation endpoint; the tokens stay valid there until they expire");
    }
    return ErrorMapping.call(
        () -> {
          var done = service.revoke(profile, this::endpoint, account, refreshOnly);
          done.notes()
              .forEach(
                  note ->
                      listener.notice(
                          "login-harness: " + profile.name() + "/" + account + ": " + note));
          return new Revocation(done.atProvider(), done.tokensRevoked(), done.deletedLocally());
        });
  }

  /** The client credentials grant (no browser; a confidential client); the token is stored. */
  public TokenSet clientCredentials() throws HarnessException {
    return atTokenEndpoint(() -> service.clientCredentials(profile, this::endpoint, account));
  }

  /**
   * {@link ErrorMapping#call} for work that posts to the token endpoint. When the endpoint came
   * from a cached discovery document and did not answer as one (no answer at all, 404, 405, 410:
   * what a moved endpoint gives), the document is dropped, so that the next call asks the issuer
   * where it is now.
   */
  private <T> T atTokenEndpoint(ErrorMapping.Call<T> work) throws HarnessException {
    try {
      return ErrorMapping.call(work);
    } catch (TokenEndpointError e) {
      int status = e.httpStatus().orElse(0);
      if ((status == 0 || status == 404 || status == 405 || status == 410)
          && discovery.map(CachedDiscovery::forgetUsed).orElse(false)) {
        listener.notice(
            "login-harness: the token endpoint "
                + profile.tokenEndpoint()
                + " came from a cached discovery document, which is dropped: the next call asks"
                + " the issuer again");
      }
      throw e;
    }
  }

  /**
   * Prepares to log many accounts into this provider: reads {@code accountsFile} (CSV with a header
   * row, or a JSON array of objects, with {@code account}, {@code username}, {@code password_env}
   * or {@code password_file}, and optionally {@code totp_secret_env}), every account's secrets, and
   * checks every store name — all before any browser starts. The logins are headless whatever this
   * harness's mode, with its timeouts, browser settings, debug bundles (one per account: {@code
   * DIR/ACCOUNT}) and listener; its account and credentials play no part.
   *
   * <p>The accounts log in in one browser, each in a fresh user context of its own ({@link
   * MintPlan.BrowserUse#SHARED}).
   *
   * @param parallel how many logins at once
   * @throws ConfigurationError naming the file, line and field of what is wrong; or when this
   *     harness keeps no store (the tokens would be discarded)
   */
  public MintPlan planMint(Path accountsFile, int parallel) throws ConfigurationError {
    return planMint(accountsFile, parallel, MintPlan.BrowserUse.SHARED);
  }

  /**
   * {@link #planMint(Path, int)}, with the browsers used as {@code browsers} says.
   *
   * @throws ConfigurationError as {@link #planMint(Path, int)}
   */
  public MintPlan planMint(Path accountsFile, int parallel, MintPlan.BrowserUse browsers)
      throws ConfigurationError {
    Objects.requireNonNull(accountsFile, "accountsFile");
    Objects.requireNonNull(browsers, "browsers");
    if (parallel < 1) {
      throw new ConfigurationError("parallel must be at least 1", null);
    }
    if (!stored) {
      throw new ConfigurationError(
          "mint keeps tokens only in the store; a harness without one would discard them", null);
    }
    return MintPlanning.plan(loginSettings, store, service, accountsFile, parallel, browsers);
  }

  /** The profile's name: the store's directory and the name in messages. */
  public String provider() {
    return profile.name();
  }

  public String account() {
    return account;
  }

  /** Whether a login opens no window. */
  public boolean headless() {
    return headless;
  }

  /** The client's secret is looked up only by the operations that send it. */
  private TokenEndpoint endpoint() throws ConfigException {
    return profile.tokenEndpoint(System::getenv);
  }

  /**
   * Collects the settings; {@link #build()} checks them all, resolves the profile (reading its
   * file, running OIDC discovery) and opens the store. Setters reject {@code null}; other mistakes
   * are reported by {@code build()} as a {@link ConfigurationError}.
   */
  public static final class Builder {
    private final String nameOrPath;
    private final ProviderProfile profile;

    // Profile fields set in code, applied over the file's (as the CLI's flags are).
    private Optional<String> issuer = Optional.empty();
    private Optional<String> clientId = Optional.empty();
    private Optional<String> clientSecretEnv = Optional.empty();
    private Optional<String> redirectUri = Optional.empty();
    private Optional<List<String>> scopes = Optional.empty();

    private String account = "default";
    private Optional<Credentials.Source> credentials = Optional.empty();
    private Boolean headless;
    private Duration minValidity = Duration.ofSeconds(60);
    private Duration timeout;
    private Duration stepTimeout = Duration.ofSeconds(10);
    private Optional<Path> store = Optional.empty();
    private boolean noStore;
    private Optional<Path> driversFile = Optional.empty();
    private DriverOverrides driverOverrides = DriverOverrides.none();
    private DebugBundles debugBundles = DebugBundles.none();
    private OnChallenge onChallenge = OnChallenge.FAIL;
    private LoginListener listener = LoginListener.SILENT;

    private Builder(String nameOrPath, ProviderProfile profile, String issuer) {
      this.nameOrPath = nameOrPath;
      this.profile = profile;
      if (issuer != null) {
        issuer(issuer);
      }
    }

    /** Overrides the profile's OIDC issuer: endpoints the profile lacks come from discovery. */
    public Builder issuer(String issuerUrl) {
      this.issuer = Optional.of(Objects.requireNonNull(issuerUrl, "issuerUrl"));
      return this;
    }

    /** Overrides the profile's client id. */
    public Builder clientId(String clientId) {
      this.clientId = Optional.of(Objects.requireNonNull(clientId, "clientId"));
      return this;
    }

    /** The client secret comes from this environment variable (replacing the profile's secret). */
    public Builder clientSecretEnv(String variable) {
      this.clientSecretEnv = Optional.of(Objects.requireNonNull(variable, "variable"));
      return this;
    }

    /** Overrides the profile's redirect URI; it must be exactly as registered with the provider. */
    public Builder redirectUri(String redirectUri) {
      this.redirectUri = Optional.of(Objects.requireNonNull(redirectUri, "redirectUri"));
      return this;
    }

    /** Replaces the profile's scopes. */
    public Builder scopes(List<String> scopes) {
      this.scopes = Optional.of(List.copyOf(scopes));
      return this;
    }

    /** Which of your accounts at this provider (default {@code default}): one store entry each. */
    public Builder account(String account) {
      this.account = Objects.requireNonNull(account, "account");
      return this;
    }

    /** Who logs in, for headless logins. */
    public Builder credentials(Credentials credentials) {
      Objects.requireNonNull(credentials, "credentials");
      this.credentials = Optional.of(() -> credentials);
      return this;
    }

    /** Who logs in, read only when a login is about to start (see {@link Credentials.Source}). */
    public Builder credentials(Credentials.Source source) {
      this.credentials = Optional.of(Objects.requireNonNull(source, "source"));
      return this;
    }

    /**
     * No window; the form is filled with the credentials. The default when credentials are given;
     * without them, logins are headful.
     */
    public Builder headless() {
      this.headless = true;
      return this;
    }

    /** A visible window for a person to sign in (captcha, 2FA, consent). */
    public Builder headful() {
      this.headless = false;
      return this;
    }

    /**
     * {@link LoginHarness#token()} refreshes when the token expires within this (default 60 s; may
     * be 0).
     */
    public Builder minValidity(Duration minValidity) {
      this.minValidity = Objects.requireNonNull(minValidity, "minValidity");
      return this;
    }

    /** The longest a login may wait for the callback (default 2 min headless, 10 min headful). */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** The longest wait for one login page in a headless login (default 10 s). */
    public Builder stepTimeout(Duration stepTimeout) {
      this.stepTimeout = Objects.requireNonNull(stepTimeout, "stepTimeout");
      return this;
    }

    /** The token store directory (default: $LOGIN_HARNESS_STORE, else the XDG config dir). */
    public Builder store(Path directory) {
      this.store = Optional.of(Objects.requireNonNull(directory, "directory"));
      return this;
    }

    /** Keep nothing on disk: every {@link LoginHarness#token()} logs in. */
    public Builder noStore() {
      this.noStore = true;
      return this;
    }

    /**
     * drivers.properties to use (default: $LOGIN_HARNESS_DRIVERS, ./drivers.properties, built-in).
     */
    public Builder drivers(Path driversProperties) {
      this.driversFile =
          Optional.of(Objects.requireNonNull(driversProperties, "driversProperties"));
      return this;
    }

    /** Settings that win over drivers.properties and the environment. */
    public Builder driverOverrides(DriverOverrides overrides) {
      this.driverOverrides = Objects.requireNonNull(overrides, "overrides");
      return this;
    }

    /** Whether and where failed (or, with trace, all) logins leave a debug bundle; default none. */
    public Builder debugBundles(DebugBundles debugBundles) {
      this.debugBundles = Objects.requireNonNull(debugBundles, "debugBundles");
      return this;
    }

    /**
     * What a headless login does on a captcha or device confirmation (default {@link
     * OnChallenge#FAIL}).
     */
    public Builder onChallenge(OnChallenge onChallenge) {
      this.onChallenge = Objects.requireNonNull(onChallenge, "onChallenge");
      return this;
    }

    /** Hears notices and each login's timeline (default: nothing hears them). */
    public Builder listener(LoginListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Checks the settings, resolves the profile and opens the store. The client secret and the
     * browser settings are read when an operation needs them, so that {@code check} works without
     * the secret and {@code refresh} without a browser.
     */
    public LoginHarness build() throws ConfigurationError {
      boolean headlessLogins = headless != null ? headless : credentials.isPresent();
      if (headlessLogins && credentials.isEmpty()) {
        throw new ConfigurationError(
            "a headless harness needs credentials (Credentials.fromEnv)", null);
      }
      positive("timeout", timeout);
      positive("stepTimeout", stepTimeout);
      if (minValidity.isNegative()) {
        throw new ConfigurationError("minValidity must not be negative, not " + minValidity, null);
      }
      ProfileOverrides overrides =
          new ProfileOverrides(issuer, clientId, clientSecretEnv, redirectUri, scopes);
      if (profile != null && !overrides.names().isEmpty()) {
        throw new ConfigurationError(
            "a ProviderProfile built in code is complete; set "
                + String.join(", ", overrides.names())
                + " on it, not on the builder",
            null);
      }
      overrides.check();
      return ErrorMapping.configuring(
          () -> {
            Optional<Path> storeDir =
                noStore
                    ? Optional.empty()
                    : Optional.of(
                        store.orElseGet(() -> TokenStore.defaultDirectory(System.getenv())));
            // Discovery documents are kept beside the tokens they led to; without a store, asked
            // for each time.
            Optional<CachedDiscovery> cached =
                storeDir.map(
                    dir ->
                        new CachedDiscovery(
                            DiscoveryCache.in(dir), Discoverer.oidc(), Clock.systemUTC()));
            Discoverer discoverer = cached.<Discoverer>map(c -> c).orElseGet(Discoverer::oidc);
            ProviderProfile resolved =
                profile != null
                    ? profile
                    : nameOrPath != null
                        ? ProfileLoader.load(nameOrPath, overrides.fields(), discoverer)
                        : ProfileLoader.fromFields(overrides.fields(), discoverer);
            TokenStore tokenStore = storeDir.map(TokenStore::at).orElseGet(TokenStore::none);
            // Checks the provider and account names with the store's own rules and messages.
            tokenStore.pathOf(resolved.name(), account);
            return new LoginHarness(this, resolved, headlessLogins, tokenStore, cached);
          });
    }

    private static void positive(String name, Duration d) throws ConfigurationError {
      if (d != null && (d.isNegative() || d.isZero())) {
        throw new ConfigurationError(name + " must be positive, not " + d, null);
      }
    }
  }
}
