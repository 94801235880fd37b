package dev.loginharness.flow;

import dev.loginharness.oauth.AuthorizationRequest;
import dev.loginharness.oauth.Callback;
import dev.loginharness.oauth.TokenEndpointException;
import dev.loginharness.oauth.TokenSet;
import dev.loginharness.secret.Redact;
import dev.loginharness.secret.Secret;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * From the callback URL the browser requested to tokens: the state rule of the profile first, then
 * the exchange. A callback that does not belong to this login is never sent anywhere.
 *
 * <p>Runs on the capture's event thread, the instant the browser sends the request: nothing that
 * the token request does not need runs before it.
 */
final class Redeemer {
  /**
   * How long a code counts as young: while it is, a failed exchange that may succeed on a second
   * try (a 5xx, a dropped connection) is retried. Codes live 30 s to 10 min at the providers we
   * know; 5 s keeps every retry well inside that. {@code LOGIN_HARNESS_CODE_RETRY_WINDOW} (seconds,
   * 0 for no retry) overrides it.
   */
  static final Duration DEFAULT_RETRY_WINDOW =
      retryWindow(System.getenv("LOGIN_HARNESS_CODE_RETRY_WINDOW"));

  private final AuthorizationRequest request;
  private final CodeExchanger exchanger;
  private final Clock clock;
  private final Consumer<Secret> secretSeen;
  private final Duration retryWindow;
  private volatile long exchangeStartedNanos;

  /**
   * @param secretSeen told of each secret the callback carries (a code, an implicit token) before
   *     it is used, so that a debug bundle can scrub it
   */
  Redeemer(
      AuthorizationRequest request,
      CodeExchanger exchanger,
      Clock clock,
      Consumer<Secret> secretSeen) {
    this(request, exchanger, clock, secretSeen, DEFAULT_RETRY_WINDOW);
  }

  /**
   * @param retryWindow see {@link #DEFAULT_RETRY_WINDOW}; {@link Duration#ZERO} never retries
   */
  Redeemer(
      AuthorizationRequest request,
      CodeExchanger exchanger,
      Clock clock,
      Consumer<Secret> secretSeen,
      Duration retryWindow) {
    this.request = request;
    this.exchanger = exchanger;
    this.clock = clock;
    this.secretSeen = secretSeen;
    this.retryWindow = retryWindow;
  }

  TokenSet redeem(String callbackUrl) throws LoginFailedException, TokenEndpointException {
    Optional<Callback> parsed;
    try {
      parsed = Callback.parse(callbackUrl);
    } catch (IllegalArgumentException e) {
      throw new LoginFailedException(e.getMessage() + ", so nothing was exchanged");
    }
    if (parsed.isEmpty()) {
      throw new LoginFailedException(
          "the redirect URI was requested without a code or error: " + Redact.url(callbackUrl));
    }
    Callback callback = parsed.get();
    // Before anything else, errors included: a callback with the wrong state is someone else's.
    if (!request.accepts(callback)) {
      throw new LoginFailedException(
          "state mismatch in the callback: it does not belong to this login, so nothing was exchanged");
    }
    if (callback instanceof Callback.Error error) {
      throw new LoginFailedException(
          "the provider refused the authorization: " + Redact.url(error.summary()));
    }
    if (callback instanceof Callback.Implicit implicit) {
      secretSeen.accept(implicit.accessToken());
      return TokenSet.fromImplicit(implicit, clock.instant());
    }
    Callback.Code code = (Callback.Code) callback;
    exchangeStartedNanos = System.nanoTime();
    secretSeen.accept(code.code());
    return exchange(code.code());
  }

  /**
   * The exchange, retried while the code is young: once at once, and once more after the server's
   * {@code Retry-After} if it sent one and the wait ends inside the window. Never after a 4xx: the
   * provider has judged the request, and a replayed code can cost the tokens already issued for it
   * (RFC 6749 §4.1.2).
   */
  private TokenSet exchange(Secret code) throws TokenEndpointException {
    Optional<Duration> retryAfter = Optional.empty();
    for (int attempt = 1; ; attempt++) {
      try {
        return exchanger.exchange(code, request.redirectUri(), request.pkce().verifier());
      } catch (TokenEndpointException e) {
        if (e.retryAfter().isPresent()) {
          retryAfter = e.retryAfter();
        }
        Duration age = Duration.ofNanos(System.nanoTime() - exchangeStartedNanos);
        Duration wait = attempt == 1 ? Duration.ZERO : retryAfter.orElse(null);
        if (!e.retryable()
            || attempt == 3
            || wait == null
            || age.plus(wait).compareTo(retryWindow) >= 0
            || !slept(wait)) {
          throw attempt == 1 ? e : e.afterAttempts(attempt);
        }
      }
    }
  }

  /** False when interrupted: the login is being abandoned, so no further attempt. */
  private static boolean slept(Duration wait) {
    try {
      Thread.sleep(wait.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static Duration retryWindow(String seconds) {
    if (seconds == null || seconds.isBlank()) {
      return Duration.ofSeconds(5);
    }
    try {
      return Duration.ofMillis(Math.max(0, Math.round(Double.parseDouble(seconds.trim()) * 1000)));
    } catch (NumberFormatException e) {
      return Duration.ofSeconds(5);
    }
  }

  /** When the token request went out ({@link System#nanoTime()}), or 0 if none did. */
  long exchangeStartedNanos() {
    return exchangeStartedNanos;
  }
}
