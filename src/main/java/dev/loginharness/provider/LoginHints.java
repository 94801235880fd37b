package dev.loginharness.provider;

import java.util.List;
import java.util.Optional;

/**
 * CSS selectors for a provider's login form. All optional: the form filler finds fields by itself;
 * a hint wins when given.
 */
public record LoginHints(
    Optional<String> username,
    Optional<String> password,
    Optional<String> otp,
    Optional<String> submit,
    Optional<String> consent,
    Optional<String> challenge,
    List<Step> steps) {

  public static final LoginHints NONE =
      new LoginHints(
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          List.of());

  public LoginHints {
    steps = List.copyOf(steps);
  }

  /**
   * {@code {"fill": "#email", "value": "username"}} or {@code {"click": "#next"}}, as written in
   * the profile's {@code login.steps}.
   *
   * @param value {@code username}, {@code password} or {@code otp} for a fill; empty for a click
   */
  public record Step(Optional<String> fill, Optional<String> click, Optional<String> value) {}
}
