package dev.loginharness.oauth;

import dev.loginharness.secret.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the provider sent back to the redirect URI: a code, or an error. The state travels with
 * either so the caller can check it before anything else happens.
 */
public sealed interface Callback {
  Optional<Secret> state();

  record Code(Secret code, Optional<Secret> state) implements Callback {}

  /**
   * The legacy implicit grant: the token itself, from the redirect's fragment (which a browser
   * never sends over the network — it is read from the authorization server's Location header).
   */
  record Implicit(
      Secret accessToken,
      String tokenType,
      Optional<Long> expiresIn,
      Optional<String> scope,
      Optional<Secret> state)
      implements Callback {}

  record Error(String error, String description, Optional<Secret> state) implements Callback {
    /**
     * "access_denied: The user denied access", or just the code when no description came; quoted
     * for a terminal as every provider text is ({@link Answers#quote}).
     */
    public String summary() {
      return description == null || description.isBlank()
          ? Answers.quote(error)
          : Answers.quote(error) + ": " + Answers.quote(description);
    }
  }

  /**
   * Reads a callback URL. Parameters come from the query (code flow); the fragment is read too,
   * since some providers answer errors there and the implicit grant's token comes there, but a
   * {@code code} in the fragment is ignored: the code flow returns it in the query (RFC 6749
   * §4.1.2), and one in the fragment was put there by something else. Empty when the URL carries
   * neither code nor error.
   *
   * @throws IllegalArgumentException when a parameter that decides what the callback means ({@code
   *     state}, {@code code}, {@code error}, {@code access_token}) appears twice: which one counts
   *     would be a guess, and two states are how a forged state would hide next to the real one
   */
  static Optional<Callback> parse(String url) {
    String query = part(url, '?', '#');
    String fragment = part(url, '#', '\0');
    List<String> names = new ArrayList<>(FormEncoding.names(query));
    names.addAll(FormEncoding.names(fragment));
    for (String name : List.of("state", "code", "error", "access_token")) {
      long count = names.stream().filter(name::equals).count();
      if (count > 1) {
        throw new IllegalArgumentException(
            "the callback carries " + count + " '" + name + "' parameters; it is refused");
      }
    }
    Map<String, String> params = FormEncoding.decode(query);
    Map<String, String> fromFragment = FormEncoding.decode(fragment);
    fromFragment.remove("code");
    fromFragment.forEach(params::putIfAbsent);
    Optional<Secret> state = Optional.ofNullable(params.get("state")).map(Secret::of);
    if (params.containsKey("error")) {
      return Optional.of(new Error(params.get("error"), params.get("error_description"), state));
    }
    String accessToken = params.get("access_token");
    if (accessToken != null && !accessToken.isEmpty()) {
      Optional<Long> expiresIn;
      try {
        expiresIn = Optional.ofNullable(params.get("expires_in")).map(Long::parseLong);
      } catch (NumberFormatException e) {
        expiresIn = Optional.empty();
      }
      return Optional.of(
          new Implicit(
              Secret.of(accessToken),
              params.getOrDefault("token_type", "Bearer"),
              expiresIn,
              Optional.ofNullable(params.get("scope")),
              state));
    }
    String code = params.get("code");
    if (code != null && !code.isEmpty()) {
      return Optional.of(new Code(Secret.of(code), state));
    }
    return Optional.empty();
  }

  private static String part(String url, char start, char end) {
    int from = url.indexOf(start);
    if (from < 0) {
      return "";
    }
    int to = end == '\0' ? -1 : url.indexOf(end, from + 1);
    return to < 0 ? url.substring(from + 1) : url.substring(from + 1, to);
  }
}
