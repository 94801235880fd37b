package dev.loginharness.provider;

import java.util.Optional;

/**
 * CSS selectors for a provider's login form. All optional: the form filler finds fields by
 * itself; a hint wins when given.
 */
public record LoginHints(
    Optional<String> username,
    Optional<String> password,
    Optional<String> otp,
    Optional<String> submit,
    Optional<String> consent,
    Optional<String> challenge) {

  public static final LoginHints NONE = new LoginHints(Optional.empty(), Optional.empty(),
      Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
}
