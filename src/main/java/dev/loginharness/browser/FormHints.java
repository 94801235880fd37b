package dev.loginharness.browser;

import java.util.Optional;

/** CSS selectors for a login form; each one, when present, wins over the filler's heuristics. */
public record FormHints(
    Optional<String> username,
    Optional<String> password,
    Optional<String> submit,
    Optional<String> consent) {

  public static final FormHints NONE =
      new FormHints(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
}
