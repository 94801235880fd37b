package dev.loginharness.flow;

import dev.loginharness.oauth.AuthorizationRequest;
import dev.loginharness.oauth.Callback;
import dev.loginharness.oauth.TokenEndpointException;
import dev.loginharness.oauth.TokenSet;
import dev.loginharness.secret.Redact;
import dev.loginharness.secret.Secret;
import java.time.Clock;
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
  private final AuthorizationRequest request;
  private final CodeExchanger exchanger;
  private final Clock clock;
  private final Consumer<Secret> secretSeen;
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
    this.request = request;
    this.exchanger = exchanger;
    this.clock = clock;
    this.secretSeen = secretSeen;
  }

  TokenSet redeem(String callbackUrl) throws LoginFailedException, TokenEndpointException {
    Optional<Callback> parsed = Callback.parse(callbackUrl);
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
    return exchanger.exchange(code.code(), request.redirectUri(), request.pkce().verifier());
  }

  /** When the token request went out ({@link System#nanoTime()}), or 0 if none did. */
  long exchangeStartedNanos() {
    return exchangeStartedNanos;
  }
}
