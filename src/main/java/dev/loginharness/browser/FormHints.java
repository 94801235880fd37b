package dev.loginharness.browser;

import java.util.Optional;

/**
 * CSS selectors for a provider's login pages; each one, when present, wins over the filler's
 * heuristics. {@code challenge} marks something only a person can do (it adds to the built-in
 * captcha and device-confirmation patterns).
 */
public record FormHints(
    Optional<String> username,
    Optional<String> password,
    Optional<String> otp,
    Optional<String> submit,
    Optional<String> consent,
    Optional<String> challenge) {

  public static final FormHints NONE = new FormHints(Optional.empty(), Optional.empty(),
      Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
}
