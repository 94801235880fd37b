package dev.loginharness.browser;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * CSS selectors for a provider's login pages (a profile's {@code login} section, read by {@code
 * provider.ProfileLoader}); each one, when present, wins over the filler's heuristics. {@code
 * challenge} marks something only a person can do (it adds to the built-in captcha and
 * device-confirmation patterns). {@code steps}, when given, are done first, in order; the filler's
 * own page-by-page logic then takes over for whatever follows (consent, errors). {@code
 * keepSignedIn} lets the filler tick a "keep me signed in" / "remember me" box, which it otherwise
 * never does. {@code typing} is how values go into fields.
 *
 * <p>One type for the profile and the filler: it lives here, beside its reader, and {@code
 * provider} depends on {@code browser} for it as it does on {@code oauth} for {@code ClientAuth}
 * and {@code StateBinding}; {@code browser} knows nothing of profiles.
 */
public record FormHints(
    Optional<String> username,
    Optional<String> password,
    Optional<String> otp,
    Optional<String> submit,
    Optional<String> consent,
    Optional<String> challenge,
    List<Step> steps,
    boolean keepSignedIn,
    Typing typing) {

  public static final FormHints NONE =
      new FormHints(
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          List.of(),
          false,
          Typing.INSERT);

  public FormHints {
    steps = List.copyOf(steps);
    Objects.requireNonNull(typing, "typing");
  }

  /** These hints, with "keep me signed in" boxes ticked or not. */
  public FormHints withKeepSignedIn(boolean keep) {
    return new FormHints(username, password, otp, submit, consent, challenge, steps, keep, typing);
  }

  /** How the filler puts a value in a field: a profile's {@code login.typing}. */
  public enum Typing {
    /**
     * The whole value at once, as a paste (Playwright's {@code fill}); key by key where a field
     * refuses or rewrites it. The default.
     */
    INSERT,
    /** Key by key, a keydown, keypress and keyup for each character: for pages that act on keys. */
    KEYS;

    /** {@code insert} or {@code keys}; empty for anything else. */
    public static Optional<Typing> parse(String value) {
      for (Typing typing : values()) {
        if (typing.name().equalsIgnoreCase(value)) {
          return Optional.of(typing);
        }
      }
      return Optional.empty();
    }
  }

  /**
   * One explicit step of a login the heuristics cannot find their way through: fill the element at
   * {@code selector} with the username, password or one-time code, or click it. In the profile:
   * {@code {"fill": "#email", "value": "username"}} or {@code {"click": "#next"}}.
   *
   * @param value what a fill types; empty for a click
   * @param frame a CSS selector for the {@code <iframe>} the element is in (in the top document),
   *     for a form in a frame from another origin; empty for the top document
   */
  public record Step(
      Action action, String selector, Optional<Value> value, Optional<String> frame) {
    public Step(Action action, String selector, Optional<Value> value) {
      this(action, selector, value, Optional.empty());
    }

    public enum Action {
      FILL,
      CLICK
    }

    public enum Value {
      USERNAME,
      PASSWORD,
      OTP
    }

    @Override
    public String toString() {
      return (action == Action.FILL
              ? "fill "
                  + selector
                  + " with the "
                  + value.orElseThrow().name().toLowerCase(java.util.Locale.ROOT)
              : "click " + selector)
          + frame.map(f -> " in the frame " + f).orElse("");
    }
  }
}
