package dev.loginharness.oauth;

import dev.loginharness.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;

/**
 * How a provider ties its callback to the authorization request that led to it: what a profile's
 * {@code "state"} field says.
 */
public enum StateBinding {
  /**
   * RFC 6749 §4.1.2: the provider sends the client's {@code state} back unchanged. A callback whose
   * state is missing or different belongs to another login and is never exchanged.
   */
  ECHOED("echoed"),
  /**
   * The provider takes no {@code state} from the client and answers with one of its own, or none
   * (Pixiv's app login, see docs/providers.md). No state is sent, and whatever comes back is
   * ignored. What binds the callback to this login instead: PKCE — the code is worthless without
   * this run's verifier, so a code from another login cannot be redeemed — and the capture, which
   * hears only the browser tab this run opened, armed just before it loads this run's authorization
   * page.
   */
  NOT_ECHOED("not-echoed");

  private final String json;

  StateBinding(String json) {
    this.json = json;
  }

  /** The binding a profile names: {@code echoed} or {@code not-echoed}; empty for anything else. */
  public static Optional<StateBinding> parse(String value) {
    for (StateBinding binding : values()) {
      if (binding.json.equals(value.toLowerCase(Locale.ROOT))) {
        return Optional.of(binding);
      }
    }
    return Optional.empty();
  }

  /** Whether the authorization request carries a {@code state} at all. */
  public boolean sendsState() {
    return this == ECHOED;
  }

  /**
   * Whether a callback with {@code received} may be redeemed by the login that sent {@code sent}.
   */
  public boolean accepts(Optional<Secret> received, Secret sent) {
    if (this == NOT_ECHOED) {
      return true;
    }
    // Constant time: the comparison must not tell an attacker how much of a guess was right.
    return received.isPresent()
        && MessageDigest.isEqual(
            received.get().reveal().getBytes(StandardCharsets.UTF_8),
            sent.reveal().getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return json;
  }
}
