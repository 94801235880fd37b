package dev.loginharness.demo;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.loginharness.oauth.ClientAuth;
import dev.loginharness.oauth.StateBinding;
import dev.loginharness.provider.ProviderProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A running demo OAuth 2.0 authorization server on {@code 127.0.0.1} and a random free port: a test
 * fixture for code that logs in with login-harness, and the provider of the {@code demo} command.
 *
 * <p>As a fixture, with nothing but defaults: a public client ({@code demo-client}, PKCE only), a
 * redirect URI served by the provider itself ({@link #DEFAULT_CALLBACK_PATH}), and one user with a
 * password made for this run. {@link #profile()} is the ready profile for it, {@link #user()} who
 * signs in:
 *
 * <pre>{@code
 * class ApiTest {
 *   static final DemoProvider demo = DemoProvider.builder().start();
 *
 *   @RegisterExtension
 *   static final LoginHarnessExtension harness =
 *       LoginHarnessExtension.forProfile(demo.profile())
 *           .credentials(demo.user().username(), demo.user().password());
 *
 *   @AfterAll
 *   static void stop() {
 *     demo.close();
 *   }
 *
 *   @Test
 *   void userinfoAcceptsTheToken(@HarnessToken String token) throws Exception {
 *     HttpResponse<String> answer =
 *         HttpClient.newHttpClient()
 *             .send(
 *                 HttpRequest.newBuilder(URI.create(demo.userinfoEndpoint()))
 *                     .header("Authorization", "Bearer " + token)
 *                     .build(),
 *                 HttpResponse.BodyHandlers.ofString());
 *     assertEquals(200, answer.statusCode());
 *   }
 * }
 * }</pre>
 *
 * <p>The builder's other settings make it behave like the awkward providers (login styles, fault
 * modes): {@code DemoProvider.builder().usernameFirst(true).user("alice", "wonderland").start()}.
 * Everything it issued and saw can be asked afterwards ({@link #redemptions()}, {@link
 * #tokenRequestCount()}, …). Tokens it issued are accepted by {@link #userinfoEndpoint()} (the
 * profile's check endpoint) until they expire or are revoked.
 *
 * <p>Endpoints: {@code GET /authorize}, {@code POST /login}, {@code POST /token}, {@code POST
 * /revoke}, {@code GET|POST /placebo} (DeviantArt's token check), {@code GET|POST /userinfo},
 * {@code GET /.well-known/openid-configuration}; without a registered redirect URI {@code GET
 * /callback}; with {@link Builder#consentPage(boolean)} {@code POST /consent}, and with {@link
 * Builder#appRedirect(String)} {@code GET /app/callback}. The login styles add their pages: {@link
 * Builder#usernameFirst(boolean)} replaces {@code POST /login} with {@code POST /login/identifier}
 * and {@code POST /login/password}; {@link Builder#totpSecret(String)} adds {@code POST
 * /login/otp}; {@link Builder#staySignedInPrompt(boolean)} adds {@code POST /login/stay-signed-in};
 * {@link Builder#captcha(boolean)} adds {@code POST /login/captcha} and the framed widget {@code
 * GET /recaptcha/api2/anchor}; {@link Builder#formInFrame(boolean, boolean)} adds the framed form
 * {@code GET /login/frame} (from {@code localhost} when cross-origin); {@link
 * Builder#accountPicker(String...)} adds {@code POST /login/account} (and {@code POST
 * /login/password} for a tile). After the password they come in a fixed order: one-time code, "Stay
 * signed in?", consent page, redirect. Thread-safe.
 */
public final class DemoProvider implements AutoCloseable {
  static final String APP_CALLBACK_PATH = "/app/callback";

  /**
   * The redirect URI's path on the provider itself, registered when the builder names none: it
   * answers with a "signed in" page.
   */
  public static final String DEFAULT_CALLBACK_PATH = "/callback";

  /** The client id when the builder names none. */
  public static final String DEFAULT_CLIENT = "demo-client";

  /** The user added when the builder adds none; its password is made at {@code start()}. */
  public static final String DEFAULT_USER = "demo-user";

  /**
   * An account of this provider: who a test signs in as. {@link #toString()} hides the password.
   */
  public record User(String username, String password) {
    public User {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
      return "User[" + username + ", ***]";
    }
  }

  static {
    // The JDK server leaves Nagle's algorithm on, and each small response then waits for the
    // client's delayed ACK: measured here, ~40 ms added to the login redirect and again to the
    // token response, all of it counted in the code's age. Read once, when the server classes
    // load, so it is set before the first HttpServer is created (unless the user set it).
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final ProviderConfig config;
  private final Grants grants;
  private final SignedInBrowsers signedIn;
  private final TokenFaults faults;
  private final String baseUrl;
  private final User user;
  private final Optional<String> webRedirect;

  private DemoProvider(
      HttpServer server,
      ExecutorService executor,
      ProviderConfig config,
      Grants grants,
      SignedInBrowsers signedIn,
      TokenFaults faults,
      User user,
      Optional<String> webRedirect) {
    this.user = user;
    this.webRedirect = webRedirect;
    this.server = server;
    this.executor = executor;
    this.config = config;
    this.grants = grants;
    this.signedIn = signedIn;
    this.faults = faults;
    this.baseUrl = baseUrl(server);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
  public String baseUrl() {
    return baseUrl;
  }

  public String authorizationEndpoint() {
    return baseUrl + "/authorize";
  }

  public String tokenEndpoint() {
    return baseUrl + "/token";
  }

  /**
   * The OIDC issuer: {@link #baseUrl()}; its discovery document is at {@code
   * /.well-known/openid-configuration}.
   */
  public String issuer() {
    return baseUrl;
  }

  /** DeviantArt's token check: 200 {@code {"status":"success"}} for a live access token. */
  public String placeboEndpoint() {
    return baseUrl + "/placebo";
  }

  public String userinfoEndpoint() {
    return baseUrl + "/userinfo";
  }

  public String revocationEndpoint() {
    return baseUrl + "/revoke";
  }

  /**
   * The https-style redirect URI that bounces to the app's custom scheme; registered automatically.
   *
   * @throws IllegalStateException if the provider was built without {@link
   *     Builder#appRedirect(String)}
   */
  public String appCallbackUri() {
    if (config.appScheme().isEmpty()) {
      throw new IllegalStateException(
          "the app hop is not enabled: call appRedirect(scheme) on the builder");
    }
    return baseUrl + APP_CALLBACK_PATH;
  }

  /**
   * Pixiv's app login, {@code /web/v1/login}: PKCE only, no {@code state}, client or redirect URI
   * taken from the client; see {@link Builder#appRedirect(String)}.
   *
   * @throws IllegalStateException if the provider was built without {@link
   *     Builder#appRedirect(String)}
   */
  public String appAuthorizationEndpoint() {
    appCallbackUri();
    return baseUrl + AppLoginEndpoint.LOGIN_PATH;
  }

  public String clientId() {
    return config.client().id();
  }

  /** The first user the builder added, or {@link #DEFAULT_USER} with this run's password. */
  public User user() {
    return user;
  }

  /**
   * A ready profile for this provider's client, named {@code demo}: its endpoints, client (and
   * secret, sent as HTTP Basic, for a confidential one), the first redirect URI registered (the
   * provider's own {@link #DEFAULT_CALLBACK_PATH} when none was), the headers its token endpoint
   * insists on, {@link #userinfoEndpoint()} as the check endpoint and {@link
   * #revocationEndpoint()}. With only {@link Builder#appRedirect(String)}, Pixiv's app login: its
   * endpoint, the https callback, the custom scheme as a callback alias, no {@code state}.
   *
   * <p>The one place this package names a client-side type: the profile is a value built from this
   * provider's settings, and no server code reads it.
   */
  public ProviderProfile profile() {
    boolean app = webRedirect.isEmpty();
    ProviderProfile.Builder profile =
        new ProviderProfile.Builder(
                "demo",
                URI.create(app ? appAuthorizationEndpoint() : authorizationEndpoint()),
                URI.create(tokenEndpoint()),
                clientId(),
                webRedirect.orElseGet(this::appCallbackUri))
            .headers(config.requiredHeaders())
            .checkEndpoint(URI.create(userinfoEndpoint()))
            .revocationEndpoint(URI.create(revocationEndpoint()));
    config
        .client()
        .secret()
        .ifPresent(secret -> profile.clientSecret(secret).clientAuth(ClientAuth.BASIC));
    if (app) {
      profile
          .callbackAliases(List.of(config.appScheme().orElseThrow() + "://account/login"))
          .state(StateBinding.NOT_ECHOED);
    }
    return profile.build();
  }

  /** The registered redirect URIs, including {@link #appCallbackUri()} when enabled. */
  public Set<String> redirectUris() {
    return config.client().redirectUris();
  }

  /** One entry per successful authorization-code exchange, oldest first. A snapshot. */
  public List<Redemption> redemptions() {
    return grants.redemptions();
  }

  /** Every POST that reached {@code /token}, successful or not. */
  public int tokenRequestCount() {
    return grants.tokenRequestCount();
  }

  /** Every POST to {@code /token} with {@code grant_type=refresh_token}, successful or not. */
  public int refreshRequestCount() {
    return grants.refreshRequestCount();
  }

  /**
   * How many requests to {@code /token} got the {@link Builder#tokenFault} instead of an answer.
   */
  public int tokenFaultsServed() {
    return faults.served();
  }

  /** Every POST that reached {@code /revoke}, successful or not. */
  public int revokeRequestCount() {
    return grants.revokeRequestCount();
  }

  /** How many authorization requests were approved from a remembered sign-in's cookie. */
  public int rememberedSignInCount() {
    return signedIn.recognizedCount();
  }

  /**
   * Every secret of the logins this provider has seen: the codes and tokens it issued (refreshed
   * and revoked ones included), and the states and PKCE verifiers clients sent. For tests that
   * check that none of them was written anywhere it should not be.
   */
  public Set<String> secretsSeen() {
    return grants.secretsSeen();
  }

  /**
   * How many requests for a browser page (authorization, sign-in, consent) arrived, counted as they
   * arrive: before {@link Builder#pageLatency} delays the answer.
   */
  public int pageRequestCount() {
    return grants.pageRequestCount();
  }

  /**
   * How many times a page with the captcha was served (after a password post, or its Continue
   * button).
   */
  public int captchaShownCount() {
    return grants.captchaShownCount();
  }

  /**
   * How many sign-in posts came with "Keep me signed in" ticked ({@link Builder#termsCheckbox}).
   */
  public int keepMeSignedInCount() {
    return grants.rememberMeCount();
  }

  /**
   * The code an authenticator app shows at {@code at} for this secret (RFC 6238: HMAC-SHA1, six
   * digits, 30-second steps), for tests that sign in to a provider built with {@link
   * Builder#totpSecret(String)}: pass the provider's clock's instant.
   *
   * @throws IllegalArgumentException if the secret is not base32 or shorter than 80 bits
   */
  public static String totpCode(String base32Secret, Instant at) {
    return Totp.fromBase32(base32Secret).code(Objects.requireNonNull(at, "at"));
  }

  /** Stops the server at once (in-flight exchanges are cut) and its threads. Idempotent. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One line, safe to log: no secrets, passwords or header values. */
  @Override
  public String toString() {
    return "DemoProvider["
        + baseUrl
        + ", client="
        + config.client().id()
        + (config.client().confidential() ? " (confidential)" : " (public)")
        + ", users="
        + config.users().size()
        + config.appScheme().map(s -> ", appRedirect=" + s).orElse("")
        + (config.denyConsent() ? ", denyConsent" : "")
        + (config.tamperState() ? ", tamperState" : "")
        + (config.requiredHeaders().isEmpty()
            ? ""
            : ", requiredHeaders=" + config.requiredHeaders().keySet())
        + (config.deviantArtStyle() ? ", deviantArtStyle" : "")
        + (config.consentPage() ? ", consentPage" : "")
        + (config.allowImplicit() ? ", allowImplicit" : "")
        + (config.loginStyle().usernameFirst() ? ", usernameFirst" : "")
        + (config.loginStyle().totp().isPresent() ? ", totp" : "")
        + (config.loginStyle().captcha() ? ", captcha" : "")
        + (config.loginStyle().firstPage() != LoginStyle.FirstPage.DOCUMENT
            ? ", " + config.loginStyle().firstPage()
            : "")
        + (config.loginStyle().termsCheckbox() ? ", termsCheckbox" : "")
        + (config.loginStyle().rememberedAccounts().isEmpty() ? "" : ", accountPicker")
        + (config.loginStyle().staySignedInPrompt() ? ", staySignedInPrompt" : "")
        + (config.users().lockedCount() == 0 ? "" : ", lockedUsers=" + config.users().lockedCount())
        + "]";
  }

  private static String baseUrl(HttpServer server) {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Configures and starts a {@link DemoProvider}. Not thread-safe; use once. */
  public static final class Builder {
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");
    private static final int THREADS = 8;

    private String clientId;
    private String clientSecret;
    private final Set<String> redirectUris = new LinkedHashSet<>();
    private String appScheme;
    private final Map<String, String> users = new LinkedHashMap<>();
    private Duration codeLifetime = Duration.ofSeconds(30);
    private Duration accessTokenLifetime = Duration.ofHours(1);
    private boolean denyConsent;
    private boolean tamperState;
    private final Map<String, String> requiredHeaders = new LinkedHashMap<>();
    private Clock clock = Clock.systemUTC();
    private boolean deviantArtStyle;
    private boolean consentPage;
    private boolean allowImplicit;
    private boolean usernameFirst;
    private Totp totp;
    private boolean captcha;
    private boolean captchaHeadlessOnly;
    private LoginStyle.FirstPage firstPage = LoginStyle.FirstPage.DOCUMENT;
    private boolean termsCheckbox;
    private List<String> rememberedAccounts = List.of();
    private boolean staySignedInPrompt;
    private final Set<String> lockedUsers = new LinkedHashSet<>();
    private boolean rememberSignIn;
    private Duration pageLatency = Duration.ZERO;
    private boolean captivePortalOnRevoke;
    private final Map<String, Duration> slowPages = new LinkedHashMap<>();
    private TokenFault tokenFault;
    private int tokenFaultTimes;
    private Duration tokenFaultRetryAfter;

    private Builder() {}

    /**
     * The client id (default {@link DemoProvider#DEFAULT_CLIENT}). Without {@link #clientSecret} it
     * is a public client: PKCE only.
     */
    public Builder client(String clientId) {
      this.clientId = requireNonBlank(clientId, "clientId");
      return this;
    }

    /**
     * Makes the client confidential: accepted as HTTP Basic or {@code client_secret} in the body.
     */
    public Builder clientSecret(String clientSecret) {
      this.clientSecret = requireNonBlank(clientSecret, "clientSecret");
      return this;
    }

    /**
     * Registers a redirect URI (repeatable); requests must match one exactly. The first is the
     * {@link DemoProvider#profile()}'s. Nothing needs to listen there: login-harness takes the code
     * from the browser's request. Without one, the provider registers its own {@link
     * DemoProvider#DEFAULT_CALLBACK_PATH}.
     */
    public Builder redirectUri(String redirectUri) {
      requireNonBlank(redirectUri, "redirectUri");
      try {
        URI uri = new URI(redirectUri);
        // RFC 6749 3.1.2: absolute, without fragment.
        if (!uri.isAbsolute() || uri.getRawFragment() != null) {
          throw new IllegalArgumentException("redirectUri must be absolute and without fragment");
        }
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("redirectUri is not a valid URI", e);
      }
      redirectUris.add(redirectUri);
      return this;
    }

    /**
     * Enables Pixiv's app login as Pixiv behaves (docs/providers.md, "Pixiv"): {@link
     * DemoProvider#appAuthorizationEndpoint()} ({@code /web/v1/login}) takes only the PKCE
     * challenge, shows its sign-in page on another host name ({@code localhost}), and sends the
     * browser to {@code /app/callback?code=…&state=<the provider's own>}, a registered redirect URI
     * that answers with a redirect to {@code <scheme>://account/login?code=…&via=login}.
     */
    public Builder appRedirect(String scheme) {
      if (scheme == null || !SCHEME.matcher(scheme).matches()) {
        throw new IllegalArgumentException("appRedirect needs a URI scheme such as 'demoapp'");
      }
      this.appScheme = scheme;
      return this;
    }

    /**
     * Adds an account (repeatable); the first is {@link DemoProvider#user()}. Without one, {@link
     * DemoProvider#DEFAULT_USER} signs in with a password made at {@code start()}.
     */
    public Builder user(String username, String password) {
      users.put(requireNonBlank(username, "username"), requireNonBlank(password, "password"));
      return this;
    }

    public Builder codeLifetime(Duration lifetime) {
      this.codeLifetime = requirePositive(lifetime, "codeLifetime");
      return this;
    }

    /**
     * Reported as {@code expires_in}, in whole seconds (rounded down); the token stops working at
     * issue time plus this lifetime by the {@link #clock(Clock)}.
     */
    public Builder accessTokenLifetime(Duration lifetime) {
      this.accessTokenLifetime = requirePositive(lifetime, "accessTokenLifetime");
      return this;
    }

    /** After a correct login, redirect with {@code error=access_denied} instead of a code. */
    public Builder denyConsent(boolean deny) {
      this.denyConsent = deny;
      return this;
    }

    /** Echo a different {@code state} than received, to test the client's state check. */
    public Builder tamperState(boolean tamper) {
      this.tamperState = tamper;
      return this;
    }

    /**
     * The token endpoint answers an HTML 403 unless this header has exactly this value
     * (repeatable).
     */
    public Builder requiredHeader(String name, String value) {
      requiredHeaders.put(
          requireNonBlank(name, "header name"), Objects.requireNonNull(value, "header value"));
      return this;
    }

    /**
     * Wall-clock time for {@code redeemedAt}, code expiry and access-token expiry; tests move it
     * instead of sleeping.
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Like DeviantArt's API: every JSON answer of {@code /token}, {@code /revoke} and {@code
     * /placebo} carries {@code "status":"success"}, or {@code "status":"error"} next to {@code
     * error}; {@code /revoke} then answers {@code {"status":"success"}} instead of an empty body.
     */
    public Builder deviantArtStyle(boolean enabled) {
      this.deviantArtStyle = enabled;
      return this;
    }

    /**
     * After a correct login, show "Authorize &lt;client&gt;?" with a Cancel button (first in the
     * page) and an Authorize button, posting to {@code /consent}. {@link #denyConsent(boolean)}
     * still wins: it denies without showing the page.
     */
    public Builder consentPage(boolean enabled) {
      this.consentPage = enabled;
      return this;
    }

    /**
     * Accept {@code response_type=token} (the implicit grant, RFC 6749 4.2): no PKCE, the access
     * token comes back in the redirect's fragment, and there is no refresh token. Off, the request
     * is redirected back with {@code error=unsupported_response_type}.
     */
    public Builder allowImplicit(boolean enabled) {
      this.allowImplicit = enabled;
      return this;
    }

    /**
     * Google/Keycloak style: the first page asks only for the username ({@code type="email"
     * name="identifier"}, button "Next"); the second shows it as text and asks for the password
     * (button "Sign in"). {@code POST /login} is not served then.
     */
    public Builder usernameFirst(boolean enabled) {
      this.usernameFirst = enabled;
      return this;
    }

    /**
     * The single-page form inside the open shadow root of a {@code <sign-in-form>} web component
     * (its script copies the form from a template), as sign-in widgets built as custom elements
     * have it.
     */
    public Builder shadowRootForm(boolean enabled) {
      return firstPage(enabled, LoginStyle.FirstPage.SHADOW_ROOT);
    }

    /**
     * The single-page form in an {@code <iframe>} of the page /authorize shows ({@code GET
     * /login/frame}), posting with {@code target="_top"}, as portals embedding an identity
     * service's form have it; with {@code crossOrigin} the frame is loaded from {@code localhost}
     * (the page itself is on 127.0.0.1), so no script of the page can reach into it.
     */
    public Builder formInFrame(boolean enabled, boolean crossOrigin) {
      return firstPage(
          enabled,
          crossOrigin ? LoginStyle.FirstPage.CROSS_ORIGIN_FRAME : LoginStyle.FirstPage.FRAME);
    }

    private Builder firstPage(boolean enabled, LoginStyle.FirstPage page) {
      this.firstPage = enabled ? page : LoginStyle.FirstPage.DOCUMENT;
      return this;
    }

    /**
     * The single-page form gets an "I agree to the terms of service and the privacy policy" box
     * beside its button that must be ticked ("You must agree to the terms" otherwise), and a "Keep
     * me signed in" box before it; see {@link DemoProvider#keepMeSignedInCount()}.
     */
    public Builder termsCheckbox(boolean enabled) {
      this.termsCheckbox = enabled;
      return this;
    }

    /**
     * "Choose an account" first ({@code POST /login/account}): a tile for each of these accounts,
     * leading to its password page, and "Use another account", leading to the sign-in form.
     */
    public Builder accountPicker(String... accounts) {
      this.rememberedAccounts = List.of(accounts);
      return this;
    }

    /**
     * After a correct password, ask for the six-digit code of an authenticator app with this base32
     * secret (RFC 6238, SHA-1, 30 s; the previous and next codes are accepted too), checked by the
     * {@link #clock(Clock)}. See {@link DemoProvider#totpCode(String, Instant)}.
     *
     * @throws IllegalArgumentException if the secret is not base32 or shorter than 80 bits
     */
    public Builder totpSecret(String base32Secret) {
      this.totp = Totp.fromBase32(requireNonBlank(base32Secret, "totpSecret"));
      return this;
    }

    /**
     * Answer every password post with a reCAPTCHA-like page (an iframe of {@code
     * /recaptcha/api2/anchor} with an "I'm not a robot" checkbox) that cannot be passed: the
     * sign-in needs a person, which is what the harness has to recognise. The password is not
     * checked first, as with real bot defences. Counted by {@link
     * DemoProvider#captchaShownCount()}.
     */
    public Builder captcha(boolean enabled) {
      this.captcha = enabled;
      return this;
    }

    /**
     * The captcha of {@link #captcha(boolean)}, but only for a browser whose User-Agent says {@code
     * HeadlessChrome}: a person in a visible window signs in without it.
     */
    public Builder captchaForHeadlessBrowsers(boolean enabled) {
      this.captchaHeadlessOnly = enabled;
      return this;
    }

    /**
     * Microsoft's interstitial after the last factor: "Stay signed in?" with a "No" button (first
     * in the page) and a "Yes" button; either continues to the consent page or the redirect.
     */
    public Builder staySignedInPrompt(boolean enabled) {
      this.staySignedInPrompt = enabled;
      return this;
    }

    /**
     * The account (added with {@link #user}) is locked (repeatable): its correct password shows the
     * login page again with "Your account is locked. Contact your administrator."; a wrong one
     * still gets "Invalid username or password."
     */
    public Builder lockedUser(String username) {
      lockedUsers.add(requireNonBlank(username, "lockedUser"));
      return this;
    }

    /**
     * Remember browsers that signed in (a session cookie), and approve their next authorization
     * request at once for the same user, as real providers do. Off by default.
     */
    public Builder rememberSignIn(boolean enabled) {
      this.rememberSignIn = enabled;
      return this;
    }

    /**
     * Answers the pages a browser loads (authorization, sign-in, consent) this much later, like a
     * provider across the internet; the token and API endpoints answer at once.
     */
    public Builder pageLatency(Duration latency) {
      if (latency.isNegative()) {
        throw new IllegalArgumentException("page latency must not be negative");
      }
      this.pageLatency = latency;
      return this;
    }

    /**
     * The first {@code times} requests to {@code /token} (any grant) get {@code fault} instead of
     * their normal answer; later ones are served normally. {@link #tokenFaultsServed()} counts
     * them.
     */
    public Builder tokenFault(TokenFault fault, int times) {
      if (times < 1) {
        throw new IllegalArgumentException("a token fault needs times >= 1");
      }
      this.tokenFault = Objects.requireNonNull(fault, "fault");
      this.tokenFaultTimes = times;
      return this;
    }

    /** The {@code Retry-After} (whole seconds) of {@link TokenFault#UNAVAILABLE} answers. */
    public Builder tokenFaultRetryAfter(Duration delay) {
      this.tokenFaultRetryAfter = requirePositive(delay, "tokenFaultRetryAfter");
      return this;
    }

    /**
     * Answers one page this much later, e.g. {@code slowPage("POST /login", 60 s)}: the page after
     * the password, for a sign-in that hangs after the submit. Overrides {@link #pageLatency}
     * there.
     */
    public Builder slowPage(String methodAndPath, Duration latency) {
      if (latency.isNegative() || !methodAndPath.matches("(GET|POST) /\\S*")) {
        throw new IllegalArgumentException("slowPage takes \"GET /path\" or \"POST /path\"");
      }
      slowPages.put(methodAndPath, latency);
      return this;
    }

    /**
     * The revocation endpoint answers 200 with an HTML page and revokes nothing, as a captive
     * portal or a proxy's sign-in page in front of the provider would: no revocation answer at all.
     */
    public Builder captivePortalOnRevoke(boolean enabled) {
      this.captivePortalOnRevoke = enabled;
      return this;
    }

    /**
     * Binds 127.0.0.1 on a free port and starts serving. What the builder was not told: the client
     * is {@link #DEFAULT_CLIENT}; without a redirect URI (and without {@link #appRedirect}) the
     * provider's own {@link #DEFAULT_CALLBACK_PATH} is registered; without a user, {@link
     * #DEFAULT_USER} with a random password (see {@link DemoProvider#user()}).
     *
     * @throws UncheckedIOException if no loopback port can be bound
     * @throws IllegalStateException if a locked user was not added as a user
     */
    public DemoProvider start() {
      if (!users.keySet().containsAll(lockedUsers)) {
        throw new IllegalStateException(
            "a locked user must also be added with user(name, password)");
      }
      HttpServer server;
      try {
        server =
            HttpServer.create(
                new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 0);
      } catch (IOException e) {
        throw new UncheckedIOException("the demo provider cannot bind a port on 127.0.0.1", e);
      }
      // Callbacks on this server can only be registered once the port is known.
      Set<String> registered = new LinkedHashSet<>(redirectUris);
      boolean ownCallback = redirectUris.isEmpty() && appScheme == null;
      if (ownCallback) {
        registered.add(baseUrl(server) + DEFAULT_CALLBACK_PATH);
      }
      Optional<String> webRedirect = registered.stream().findFirst();
      if (appScheme != null) {
        registered.add(baseUrl(server) + APP_CALLBACK_PATH);
      }
      Map<String, String> accounts = new LinkedHashMap<>(users);
      if (accounts.isEmpty()) {
        accounts.put(DEFAULT_USER, Randoms.id());
      }
      Map.Entry<String, String> first = accounts.entrySet().iterator().next();
      ProviderConfig config =
          new ProviderConfig(
              new ClientRegistration(
                  clientId == null ? DEFAULT_CLIENT : clientId,
                  Optional.ofNullable(clientSecret),
                  registered),
              new Users(accounts, lockedUsers),
              Optional.ofNullable(appScheme),
              codeLifetime,
              accessTokenLifetime,
              denyConsent,
              tamperState,
              requiredHeaders,
              clock,
              deviantArtStyle,
              consentPage,
              allowImplicit,
              new LoginStyle(
                  usernameFirst,
                  Optional.ofNullable(totp),
                  captcha || captchaHeadlessOnly,
                  staySignedInPrompt,
                  captchaHeadlessOnly,
                  firstPage,
                  termsCheckbox,
                  rememberedAccounts));
      Grants grants = new Grants();
      ClientRedirect redirects = new ClientRedirect(tamperState);
      TokenIssuer issuer = new TokenIssuer(config, grants);
      SignedInBrowsers signedIn = new SignedInBrowsers(rememberSignIn);
      Approval approval = new Approval(config, grants, redirects, issuer, signedIn);
      SignInSteps steps = new SignInSteps(config, grants, approval);
      List<String> getOrPost = List.of("GET", "POST");

      Map<String, Router.Route> routes = new LinkedHashMap<>();
      // the browser's pages: "/authorize", "/login…", "/consent"
      // A copy: the builder may go on changing after this provider has started.
      Map<String, Duration> slow = Map.copyOf(slowPages);
      java.util.function.UnaryOperator<HttpHandler> page =
          handler ->
              exchange -> {
                grants.pageRequested();
                Duration latency =
                    slow.getOrDefault(
                        exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath(),
                        pageLatency);
                if (!latency.isZero()) {
                  try {
                    Thread.sleep(latency.toMillis());
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }
                handler.handle(exchange);
              };
      routes.put(
          "/authorize",
          new Router.Route(
              "GET",
              page.apply(
                  new AuthorizeEndpoint(config, grants, redirects, steps, signedIn, approval))));
      if (usernameFirst) {
        routes.put(
            "/login/identifier",
            new Router.Route("POST", page.apply(new IdentifierEndpoint(grants))));
        routes.put(
            "/login/password",
            new Router.Route("POST", page.apply(new PasswordEndpoint(config, grants, steps))));
      } else {
        routes.put(
            "/login",
            new Router.Route("POST", page.apply(new LoginEndpoint(config, grants, steps))));
      }
      if (!rememberedAccounts.isEmpty()) {
        routes.put(
            "/login/account",
            new Router.Route("POST", page.apply(new AccountPickerEndpoint(config, grants, steps))));
        routes.putIfAbsent(
            "/login/password",
            new Router.Route("POST", page.apply(new PasswordEndpoint(config, grants, steps))));
      }
      if (firstPage == LoginStyle.FirstPage.FRAME
          || firstPage == LoginStyle.FirstPage.CROSS_ORIGIN_FRAME) {
        routes.put(
            SignInSteps.FRAME_PATH,
            new Router.Route("GET", page.apply(AccountPickerEndpoint.framedForm(grants, steps))));
      }
      if (totp != null) {
        routes.put(
            "/login/otp",
            new Router.Route(
                "POST", page.apply(new OneTimeCodeEndpoint(config, grants, steps, totp))));
      }
      if (staySignedInPrompt) {
        routes.put(
            "/login/stay-signed-in",
            new Router.Route("POST", page.apply(new StaySignedInEndpoint(grants, steps))));
      }
      if (captcha) {
        routes.put(
            "/login/captcha",
            new Router.Route("POST", page.apply(new CaptchaEndpoint(grants, steps))));
        routes.put(Html.CAPTCHA_FRAME_PATH, new Router.Route("GET", CaptchaEndpoint.frame()));
      }
      TokenFaults faults =
          new TokenFaults(tokenFault, tokenFaultTimes, Optional.ofNullable(tokenFaultRetryAfter));
      routes.put(
          "/token", new Router.Route("POST", new TokenEndpoint(config, grants, issuer, faults)));
      routes.put(
          "/revoke",
          new Router.Route("POST", new RevokeEndpoint(config, grants, captivePortalOnRevoke)));
      routes.put("/placebo", new Router.Route(getOrPost, ResourceEndpoint.placebo(config, grants)));
      routes.put(
          "/userinfo", new Router.Route(getOrPost, ResourceEndpoint.userinfo(config, grants)));
      routes.put(
          DiscoveryEndpoint.PATH, new Router.Route("GET", new DiscoveryEndpoint(baseUrl(server))));
      if (consentPage) {
        routes.put(
            "/consent",
            new Router.Route("POST", page.apply(new ConsentEndpoint(grants, approval))));
      }
      if (appScheme != null) {
        AppLoginEndpoint app =
            new AppLoginEndpoint(
                config, grants, steps, signedIn, approval, baseUrl(server) + APP_CALLBACK_PATH);
        routes.put(AppLoginEndpoint.LOGIN_PATH, new Router.Route("GET", page.apply(app.login())));
        routes.put(
            AppLoginEndpoint.SIGN_IN_PATH, new Router.Route("GET", page.apply(app.signIn())));
        routes.put(APP_CALLBACK_PATH, new Router.Route("GET", new AppHopEndpoint(appScheme)));
      }
      if (ownCallback) {
        routes.put(
            DEFAULT_CALLBACK_PATH,
            new Router.Route(
                "GET", exchange -> Responses.html(exchange, 200, Html.callbackPage())));
      }
      server.createContext("/", new Router(routes));

      ExecutorService executor = Executors.newFixedThreadPool(THREADS, daemonThreads());
      server.setExecutor(executor);
      server.start();
      return new DemoProvider(
          server,
          executor,
          config,
          grants,
          signedIn,
          faults,
          new User(first.getKey(), first.getValue()),
          webRedirect);
    }

    /** Daemon threads: a provider someone forgot to close must not keep the JVM alive. */
    private static ThreadFactory daemonThreads() {
      AtomicInteger count = new AtomicInteger();
      return runnable -> {
        Thread thread = new Thread(runnable, "demo-provider-" + count.incrementAndGet());
        thread.setDaemon(true);
        return thread;
      };
    }

    private static String requireNonBlank(String value, String name) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(name + " must not be blank");
      }
      return value;
    }

    private static Duration requirePositive(Duration value, String name) {
      if (value == null || value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return value;
    }
  }
}
