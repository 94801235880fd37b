package dev.loginharness.flow;

import dev.loginharness.browser.BrowserLease;
import dev.loginharness.browser.BrowserSession;
import dev.loginharness.browser.BrowserUnavailableException;
import dev.loginharness.browser.CallbackCapture;
import dev.loginharness.browser.CapturedUrl;
import dev.loginharness.browser.ChallengeException;
import dev.loginharness.browser.Credentials;
import dev.loginharness.browser.DebugBundle;
import dev.loginharness.browser.FormFiller;
import dev.loginharness.browser.LoginPageException;
import dev.loginharness.browser.NetworkLog;
import dev.loginharness.browser.SessionCookies;
import dev.loginharness.oauth.AuthorizationRequest;
import dev.loginharness.oauth.RedirectMatcher;
import dev.loginharness.oauth.TokenEndpointException;
import dev.loginharness.oauth.TokenSet;
import dev.loginharness.provider.ProviderProfile;
import dev.loginharness.secret.Redact;
import dev.loginharness.secret.Secret;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One browser login, start to tokens: build the authorization request, start the browser, arm the
 * capture, open the URL, fill the form (headless) or let the person work (headful), and redeem the
 * code the instant the browser requests the redirect URI.
 *
 * <p>The exchange runs inside the capture's event callback, on the event thread: between the
 * browser sending the callback request and the token POST there is no queue and no polling.
 */
public final class LoginFlow {
  /**
   * Only the first login of a process shows when the process started (the JVM and the command line
   * before it); in {@code mint} or a test suite the later ones would show the same moment again.
   */
  private static final AtomicBoolean FIRST_IN_PROCESS = new AtomicBoolean(true);

  /**
   * How long an exchange under way at {@code --timeout} may go on: longer than the token client's
   * own call timeout, so that its answer (or its timeout) is what the user sees.
   */
  private static final Duration EXCHANGE_PATIENCE = Duration.ofSeconds(90);

  private final ProviderProfile profile;
  private final BrowserSources browsers;
  private final CodeExchanger exchanger;
  private final Options options;
  private final Clock clock = Clock.systemUTC();

  /** The cookies of a headless attempt that met a challenge, for the headful one after it. */
  private final AtomicReference<SessionCookies> carried = new AtomicReference<>();

  /** Secrets that appear during the run (the code), for scrubbing the debug bundle. */
  private final List<Secret> runSecrets = Collections.synchronizedList(new ArrayList<>());

  /**
   * How to run the login.
   *
   * @param credentials what the form filler types; required when headless
   * @param timeout the whole login, browser start excluded
   * @param stepTimeout one login page
   */
  public record Options(
      boolean headless,
      Optional<Credentials> credentials,
      Duration timeout,
      Duration stepTimeout,
      Debug debug,
      boolean onChallengeHeadful) {
    public Options {
      Objects.requireNonNull(credentials);
      Objects.requireNonNull(debug);
      if (headless && credentials.isEmpty()) {
        throw new IllegalArgumentException(
            "a headless login needs a username and a password source");
      }
    }

    /** No failure bundle. */
    public Options(
        boolean headless,
        Optional<Credentials> credentials,
        Duration timeout,
        Duration stepTimeout) {
      this(headless, credentials, timeout, stepTimeout, Debug.OFF, false);
    }

    /** A failure bundle as {@code debug} says; challenges end the login. */
    public Options(
        boolean headless,
        Optional<Credentials> credentials,
        Duration timeout,
        Duration stepTimeout,
        Debug debug) {
      this(headless, credentials, timeout, stepTimeout, debug, false);
    }
  }

  /**
   * Where to leave a bundle of what the browser saw ({@link DebugBundle}): on failure, and with
   * {@code trace} on success too. {@code notice} is told the directory (the CLI prints it).
   */
  public record Debug(Optional<Path> directory, boolean trace, Consumer<String> notice) {
    public static final Debug OFF = new Debug(Optional.empty(), false, message -> {});
  }

  public LoginFlow(
      ProviderProfile profile, BrowserSources browsers, CodeExchanger exchanger, Options options) {
    this.profile = profile;
    this.browsers = browsers;
    this.exchanger = exchanger;
    this.options = options;
  }

  public LoginResult run()
      throws LoginFailedException, TokenEndpointException, BrowserUnavailableException {
    Timeline timeline = new Timeline();
    if (FIRST_IN_PROCESS.compareAndSet(true, false)) {
      ProcessAge.millis()
          .ifPresent(
              age ->
                  timeline.mark("process-started", System.nanoTime() - age * 1_000_000, "±10 ms"));
    }
    AuthorizationRequest request = newRequest();
    timeline.mark("authorize-url");

    Thread warmUp = new Thread(() -> warmUp(request), "login-warmup");
    warmUp.setDaemon(true);
    warmUp.start();

    try {
      return login(request, timeline);
    } catch (TokenEndpointException e) {
      if (!options.headless() || !"invalid_grant".equals(e.error())) {
        throw e;
      }
      // The provider refused the code it had just issued: most often it expired between the
      // capture and the exchange (Pixiv's live about 30 s; a stalled machine can miss that). A
      // headless login can redo the whole authorization at no one's cost, once; a second refusal
      // is the provider's answer. A fresh request: a code is single-use, and so are state and PKCE.
      timeline.mark("retry", System.nanoTime(), "invalid_grant on the code exchange");
      options
          .debug()
          .notice()
          .accept(
              "login-harness: the provider refused the authorization code (invalid_grant); "
                  + "logging in once more with a fresh authorization request");
      return login(newRequest(), timeline);
    }
  }

  private AuthorizationRequest newRequest() {
    return AuthorizationRequest.builder()
        .endpoint(profile.authorizationEndpoint())
        .clientId(profile.clientId())
        .redirectUri(profile.redirectUri())
        .scopes(profile.scopes())
        .extraParams(profile.authorizationParams())
        .responseType(profile.responseType())
        .stateBinding(profile.state())
        .randomize(new SecureRandom())
        .build();
  }

  /** A login with {@code request}: headless or headful, and headful after a headless challenge. */
  private LoginResult login(AuthorizationRequest request, Timeline timeline)
      throws LoginFailedException, TokenEndpointException, BrowserUnavailableException {
    try {
      return attempt(request, timeline, options.headless(), Optional.empty());
    } catch (HumanStepNeededException e) {
      if (!options.headless() || !options.onChallengeHeadful()) {
        throw e;
      }
      // --on-challenge headful: the same authorization request (same state and PKCE) in a
      // visible window, with the headless session's cookies, for a person to finish.
      timeline.mark("reopening-headful", System.nanoTime(), e.kind());
      options
          .debug()
          .notice()
          .accept(
              "login-harness: "
                  + e.getMessage()
                  + "; opening a visible browser to finish the login in");
      try {
        return attempt(request, timeline, false, Optional.ofNullable(carried.get()));
      } catch (BrowserUnavailableException noDisplay) {
        throw e.because("--on-challenge headful needs a display, and there is none");
      }
    }
  }

  /** One browser session of the login: headless with the form filler, or headful for a person. */
  private LoginResult attempt(
      AuthorizationRequest request,
      Timeline timeline,
      boolean headless,
      Optional<SessionCookies> cookies)
      throws LoginFailedException, TokenEndpointException, BrowserUnavailableException {
    CompletableFuture<TokenSet> result = new CompletableFuture<>();
    AtomicBoolean callbackSeen = new AtomicBoolean();
    NetworkLog network = new NetworkLog();
    TokenSet tokens;
    String mechanism;
    boolean sharedBrowser;
    try (BrowserLease lease =
        (headless ? browsers.headless() : browsers.headful()).lease(headless)) {
      sharedBrowser = lease.shared();
      BrowserSession session = lease.session();
      timeline.mark(
          "browser-launched",
          System.nanoTime(),
          (lease.reused() ? "reused, " : "")
              + (headless ? session.isHeadlessShell() ? "headless shell, " : "" : "headful, ")
              + (session.hasBidi() ? "BiDi" : "no BiDi"));
      Optional<DebugBundle> bundle =
          options
              .debug()
              .directory()
              .map(dir -> new DebugBundle(session.driver(), network, secrets(request)));
      try (CallbackCapture capture =
          CallbackCapture.attach(
              session,
              browsers.capture(),
              new RedirectMatcher(profile.redirectUri(), profile.callbackAliases()),
              captured -> {
                callbackSeen.set(true);
                redeem(captured, request, timeline, result);
              },
              network)) {
        mechanism = capture.mechanism();
        timeline.mark("capture-armed", System.nanoTime(), mechanism);
        cookies.ifPresent(session::restoreCookies);
        boundPageLoads(session);
        openAuthorizationPage(session, request, result);
        timeline.mark("authorize-page-loaded");
        if (headless && !result.isDone()) {
          lease.filler(startFormFiller(session, callbackSeen, result, timeline, bundle));
        }
        tokens = await(result, callbackSeen, session, headless);
        timeline.mark("tokens");
        if (options.debug().trace()) {
          bundle.ifPresent(b -> writeBundle(b, timeline, "tokens received", tokens));
        }
      } catch (LoginFailedException
          | TokenEndpointException
          | BrowserUnavailableException
          | RuntimeException e) {
        timeline.mark("failed", System.nanoTime(), e.getClass().getSimpleName());
        if (e instanceof HumanStepNeededException) {
          carried.set(session.cookies());
        }
        if (!JvmShutdown.inProgress()) {
          bundle.ifPresent(b -> writeBundle(b, timeline, "failed: " + e.getMessage(), null));
        }
        throw e;
      }
    }
    timeline.mark(sharedBrowser ? "tab-released" : "browser-closed");
    return new LoginResult(tokens, timeline, mechanism);
  }

  /**
   * Every secret of this run that a page, URL or log could show: all are scrubbed from the bundle.
   */
  private List<Secret> secrets(AuthorizationRequest request) {
    List<Secret> secrets = new ArrayList<>(List.of(request.state(), request.pkce().verifier()));
    options.credentials().ifPresent(c -> secrets.add(c.password()));
    secrets.addAll(exchanger.secrets());
    secrets.addAll(runSecrets);
    return secrets;
  }

  private void writeBundle(DebugBundle bundle, Timeline timeline, String outcome, TokenSet tokens) {
    if (tokens != null) {
      runSecrets.add(tokens.accessToken());
      tokens.refreshToken().ifPresent(runSecrets::add);
    }
    bundle.addSecrets(runSecrets);
    try {
      Path dir =
          bundle.write(
              options.debug().directory().orElseThrow(), timeline.rows(), Redact.url(outcome));
      options
          .debug()
          .notice()
          .accept(
              "login-harness: "
                  + (tokens == null ? "failure" : "trace")
                  + " bundle written to "
                  + dir);
    } catch (java.io.IOException | RuntimeException e) {
      options
          .debug()
          .notice()
          .accept(
              "login-harness: could not write the debug bundle: " + e.getClass().getSimpleName());
    }
  }

  /**
   * Fills the login pages on a thread of its own, so that the login ends the moment the tokens
   * arrive — not when the filler's current WebDriver call returns from a page that is already
   * navigating away (measured: ~200 ms). A rejected login fails the result at once.
   */
  private Thread startFormFiller(
      BrowserSession session,
      AtomicBoolean callbackSeen,
      CompletableFuture<TokenSet> result,
      Timeline timeline,
      Optional<DebugBundle> bundle) {
    Credentials credentials = options.credentials().orElseThrow();
    AtomicReference<String> lastStep = new AtomicReference<>("the authorization page");
    FormFiller filler =
        new FormFiller(
            session.driver(),
            profile.login(),
            options.stepTimeout(),
            step -> {
              lastStep.set("step " + step);
              timeline.mark("step:" + step);
              bundle.ifPresent(b -> b.step(step));
            });
    Thread thread =
        new Thread(
            () -> {
              try {
                filler.fill(credentials, callbackSeen::get);
                timeline.mark("form-done");
              } catch (LoginPageException e) {
                if (!callbackSeen.get()) {
                  result.completeExceptionally(new LoginFailedException(e.getMessage(), e));
                }
              } catch (ChallengeException e) {
                if (!callbackSeen.get()) {
                  timeline.mark("challenge", System.nanoTime(), e.kind());
                  result.completeExceptionally(new HumanStepNeededException(e));
                }
              } catch (org.openqa.selenium.TimeoutException e) {
                // WebDriver's page-load timeout (boundPageLoads): the page after a submit hangs.
                if (!callbackSeen.get()) {
                  result.completeExceptionally(
                      new LoginFailedException(
                          "the sign-in page after "
                              + lastStep.get()
                              + " did not finish loading within "
                              + options.stepTimeout().toSeconds()
                              + " s (--step-timeout)"));
                }
              } catch (RuntimeException browserGoingAway) {
                // The session is closing because the login ended; nothing left to fill.
              }
            },
            "form-filler");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /**
   * Runs the code between "callback seen" and "token request sent" once on a made-up callback while
   * the browser starts: measured here, the cold path cost 20–40 ms of class loading after the real
   * callback, every one of which the code spent ageing.
   *
   * <p>The token endpoint itself is not contacted in advance. A HEAD request to pool its connection
   * was tried and removed: the conformance server answers HEAD with a body, which then corrupted
   * the pooled connection the code exchange used.
   */
  private void warmUp(AuthorizationRequest request) {
    String fake =
        request.redirectUri()
            + (request.redirectUri().contains("?") ? "&" : "?")
            + "code=warm-up&state=warm-up";
    new RedirectMatcher(profile.redirectUri(), profile.callbackAliases()).test(fake);
    try {
      // The made-up code never leaves: this exchanger returns nothing.
      new Redeemer(request, (code, redirectUri, verifier) -> null, clock, secret -> {})
          .redeem(fake);
    } catch (LoginFailedException | TokenEndpointException expected) {
      // a state that is not this login's, as it should be
    }
    Redact.url(fake);
    exchanger.warmUp();
  }

  /**
   * Runs on the capture's event thread: the {@link Redeemer} first, the timeline afterwards, from
   * timestamps taken on the way (building its notes cost 15–40 ms of a cold JVM's time here).
   */
  private void redeem(
      CapturedUrl captured,
      AuthorizationRequest request,
      Timeline timeline,
      CompletableFuture<TokenSet> result) {
    Redeemer redeemer = new Redeemer(request, exchanger, clock, runSecrets::add);
    try {
      result.complete(redeemer.redeem(captured.url()));
    } catch (LoginFailedException | TokenEndpointException | RuntimeException e) {
      result.completeExceptionally(e);
    } finally {
      long doneNanos = System.nanoTime();
      OptionalLong lag =
          timeline.eventLagMillis(captured.browserEpochMillis(), captured.listenerNanos());
      timeline.mark(
          "callback-captured",
          captured.listenerNanos(),
          captured.via()
              + (lag.isPresent() ? ", browser→listener " + lag.getAsLong() + " ms" : ""));
      long sentNanos = redeemer.exchangeStartedNanos();
      if (sentNanos != 0) {
        timeline.mark("token-request-sent", sentNanos, "");
        timeline.mark(
            "token-response", doneNanos, result.isCompletedExceptionally() ? "failed" : "");
      }
    }
  }

  /**
   * WebDriver waits up to 300 s for a page to load before it gives control back; a login page that
   * hangs would hold the login that long, past every timeout. No page of a login gets longer than a
   * step.
   */
  private void boundPageLoads(BrowserSession session) {
    try {
      session.driver().manage().timeouts().pageLoadTimeout(options.stepTimeout());
    } catch (org.openqa.selenium.WebDriverException e) {
      // a driver without the setting keeps its own; the login's deadline still holds
    }
  }

  private void openAuthorizationPage(
      BrowserSession session, AuthorizationRequest request, CompletableFuture<TokenSet> result)
      throws BrowserUnavailableException, LoginFailedException {
    try {
      session.driver().get(request.uri().toString());
    } catch (org.openqa.selenium.TimeoutException e) {
      if (!result.isDone()) {
        throw new LoginFailedException(
            "the authorization page "
                + page(request.uri())
                + " did not finish loading within "
                + options.stepTimeout().toSeconds()
                + " s (--step-timeout)");
      }
    } catch (org.openqa.selenium.WebDriverException e) {
      // A provider that redirects straight to the callback (already signed in) can make the
      // navigation itself fail (custom scheme, closed port); the capture has the code by then.
      if (!result.isDone()) {
        throw new BrowserUnavailableException(
            "the browser could not open the authorization page "
                + Redact.url(request.uri().toString())
                + ": "
                + firstLine(e));
      }
    }
  }

  /** A page named without its query: scheme, host and path. */
  private static String page(java.net.URI uri) {
    return uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath();
  }

  /**
   * The tokens, once the exchange that the callback started has ended. {@code --timeout} bounds the
   * wait for the callback; an exchange under way when it passes has its own timeouts (the token
   * client's), and ends with their answer rather than a "no callback" that would be untrue.
   */
  private TokenSet await(
      CompletableFuture<TokenSet> result,
      AtomicBoolean callbackSeen,
      BrowserSession session,
      boolean headless)
      throws LoginFailedException, TokenEndpointException {
    long deadline = System.nanoTime() + options.timeout().toNanos();
    boolean exchangeGrace = false;
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        if (left <= 0 && callbackSeen.get() && !exchangeGrace) {
          exchangeGrace = true;
          deadline = System.nanoTime() + EXCHANGE_PATIENCE.toNanos();
          continue;
        }
        if (left <= 0 && exchangeGrace) {
          throw new LoginFailedException(
              "the token exchange did not end within "
                  + EXCHANGE_PATIENCE.toSeconds()
                  + " s after --timeout");
        }
        if (left <= 0) {
          throw new LoginFailedException(
              "no callback to "
                  + Redact.url(profile.redirectUri())
                  + " within "
                  + options.timeout().toSeconds()
                  + " s"
                  + (headless ? "" : " (the login was not finished in the browser window)"));
        }
        try {
          // A headful login also watches for the person closing the window.
          return result.get(headless ? left : Math.min(left, 500_000_000L), TimeUnit.NANOSECONDS);
        } catch (TimeoutException notYet) {
          if (!headless && windowClosed(session)) {
            throw new LoginFailedException(
                "the browser window was closed before the login finished");
          }
        }
      }
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof LoginFailedException failed) {
        throw failed;
      }
      if (cause instanceof TokenEndpointException tokenError) {
        throw tokenError;
      }
      throw new LoginFailedException(
          "the token exchange failed: " + cause.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LoginFailedException("interrupted while waiting for the callback");
    }
  }

  private static boolean windowClosed(BrowserSession session) {
    try {
      return session.driver().getWindowHandles().isEmpty();
    } catch (org.openqa.selenium.WebDriverException e) {
      return true;
    }
  }

  private static String firstLine(Throwable e) {
    String message = String.valueOf(e.getMessage());
    int nl = message.indexOf('\n');
    return Redact.url(nl < 0 ? message : message.substring(0, nl));
  }
}
