package dev.loginharness.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loginharness.secret.Secret;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The tokens a token endpoint issued, immutable. {@code expiresAt} is computed once, from the
 * moment the response arrived, so it stays right however long the set is stored.
 *
 * @param extras every other top-level member of the response (Pixiv's {@code user}, OIDC's {@code
 *     id_token}…), kept so that nothing the provider said is lost on output: plain Java values
 *     ({@code String}, {@code Boolean}, {@code Integer}/{@code Long}/{@code BigInteger}/{@code
 *     Double}, {@code List}, {@code Map<String, Object>}, {@code null}), unmodifiable, in the
 *     response's order
 */
public record TokenSet(
    Secret accessToken,
    String tokenType,
    Optional<Long> expiresIn,
    Optional<Instant> expiresAt,
    Optional<Secret> refreshToken,
    Optional<String> scope,
    Map<String, Object> extras) {

  /** Members with a meaning of their own; an extra may never shadow one of them on output. */
  public static final Set<String> KNOWN =
      Set.of("access_token", "token_type", "expires_in", "refresh_token", "scope", "expires_at");

  /** Reads token responses; its untyped values are the plain ones {@link PlainJson} keeps. */
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * @throws IllegalArgumentException if an extra is not a JSON value (see {@code extras})
   */
  public TokenSet {
    Map<String, Object> copy = new LinkedHashMap<>(extras);
    copy.keySet().removeAll(KNOWN);
    extras = PlainJson.copyOf(copy);
  }

  /**
   * Still valid {@code margin} after {@code now}. A token without an expiry counts as valid: the
   * provider did not say, so it is trusted until it is refused.
   */
  public boolean validFor(Duration margin, Instant now) {
    return expiresAt.map(at -> at.isAfter(now.plus(margin))).orElse(true);
  }

  /**
   * The tokens as a JSON object's members, in order, as plain values that any JSON writer turns
   * into text; the one place that shape is made: the token response's members (RFC 6749 §5.1),
   * {@code expires_at} (ISO-8601, every digit kept so that it reads back equal), then every extra.
   * What {@code login} prints, and the start of a token file. Unmodifiable; it holds the secrets.
   */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("access_token", accessToken.reveal());
    json.put("token_type", tokenType);
    expiresIn.ifPresent(s -> json.put("expires_in", s));
    refreshToken.ifPresent(r -> json.put("refresh_token", r.reveal()));
    scope.ifPresent(s -> json.put("scope", s));
    expiresAt.ifPresent(at -> json.put("expires_at", DateTimeFormatter.ISO_INSTANT.format(at)));
    json.putAll(extras);
    return java.util.Collections.unmodifiableMap(json);
  }

  /** The token of an implicit-grant redirect (RFC 6749 §4.2.2); there is never a refresh token. */
  public static TokenSet fromImplicit(Callback.Implicit implicit, Instant receivedAt) {
    return new TokenSet(
        implicit.accessToken(),
        implicit.tokenType(),
        implicit.expiresIn(),
        implicit.expiresIn().map(s -> receivedAt.plus(Duration.ofSeconds(s))),
        Optional.empty(),
        implicit.scope(),
        Map.of());
  }

  /** RFC 6750 §2.1: what a bearer token may hold, so that it can go into a header as it is. */
  private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

  /** Longer than any provider means: a hundred years. */
  private static final long MAX_EXPIRES_IN = 100L * 365 * 24 * 3600;

  /**
   * Reads a successful token response (RFC 6749 §5.1). Refuses what could not be used safely: an
   * access token with a character a header cannot carry (a CR or LF would add a header of the
   * provider's choosing to every request it is sent with), a refresh token with a control
   * character, an {@code expires_in} that is not a whole number of seconds in range. Messages name
   * the field, never its value.
   */
  static TokenSet fromResponse(JsonNode json, Instant receivedAt) throws TokenEndpointException {
    JsonNode access = json.get("access_token");
    if (access == null || !access.isTextual() || access.asText().isEmpty()) {
      throw TokenEndpointException.malformed("the response has no access_token");
    }
    if (!B64TOKEN.matcher(access.asText()).matches()) {
      throw TokenEndpointException.malformed(
          "the access_token holds characters a bearer token may"
              + " not (RFC 6750: letters, digits and - . _ ~ + / =); it is not used");
    }
    Optional<Long> expiresIn = expiresIn(json.get("expires_in"));
    Optional<Secret> refreshToken =
        Optional.ofNullable(json.get("refresh_token"))
            .filter(JsonNode::isTextual)
            .map(JsonNode::asText)
            .filter(s -> !s.isEmpty())
            .map(Secret::of);
    if (refreshToken.isPresent()
        && refreshToken.get().reveal().chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw TokenEndpointException.malformed(
          "the refresh_token holds control characters; it is not used");
    }
    Map<String, Object> extras = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!KNOWN.contains(field.getKey())) {
        extras.put(field.getKey(), MAPPER.convertValue(field.getValue(), Object.class));
      }
    }
    return new TokenSet(
        Secret.of(access.asText()),
        Optional.ofNullable(json.get("token_type")).map(JsonNode::asText).orElse("Bearer"),
        expiresIn,
        expiresIn.map(s -> receivedAt.plus(Duration.ofSeconds(s))),
        refreshToken,
        Optional.ofNullable(json.get("scope")).map(JsonNode::asText),
        extras);
  }

  /** A whole number of seconds, as a JSON number or (some providers) a numeric string. */
  private static Optional<Long> expiresIn(JsonNode node) throws TokenEndpointException {
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    long seconds;
    if (node.isNumber() && node.canConvertToLong() && node.asDouble() == node.asLong()) {
      seconds = node.asLong();
    } else if (node.isTextual() && node.asText().trim().matches("[0-9]{1,18}")) {
      seconds = Long.parseLong(node.asText().trim());
    } else {
      throw TokenEndpointException.malformed("expires_in is not a whole number of seconds");
    }
    if (seconds < 0 || seconds > MAX_EXPIRES_IN) {
      throw TokenEndpointException.malformed(
          "expires_in is out of range (" + seconds + " s; from 0 to a hundred years)");
    }
    return Optional.of(seconds);
  }
}
