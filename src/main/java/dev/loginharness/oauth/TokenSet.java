package dev.loginharness.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loginharness.secret.Secret;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tokens a token endpoint issued, immutable. {@code expiresAt} is computed once, from the
 * moment the response arrived, so it stays right however long the set is stored.
 *
 * @param extras every other top-level member of the response (Pixiv's {@code user}, OIDC's {@code
 *     id_token}…), kept so that nothing the provider said is lost on output
 */
public record TokenSet(
    Secret accessToken,
    String tokenType,
    Optional<Long> expiresIn,
    Optional<Instant> expiresAt,
    Optional<Secret> refreshToken,
    Optional<String> scope,
    Map<String, JsonNode> extras) {

  /** Members with a meaning of their own; an extra may never shadow one of them on output. */
  public static final Set<String> KNOWN =
      Set.of("access_token", "token_type", "expires_in", "refresh_token", "scope", "expires_at");

  public TokenSet {
    Map<String, JsonNode> copy = new LinkedHashMap<>(extras);
    copy.keySet().removeAll(KNOWN);
    extras = Map.copyOf(copy);
  }

  /**
   * Still valid {@code margin} after {@code now}. A token without an expiry counts as valid: the
   * provider did not say, so it is trusted until it is refused.
   */
  public boolean validFor(Duration margin, Instant now) {
    return expiresAt.map(at -> at.isAfter(now.plus(margin))).orElse(true);
  }

  /**
   * The tokens as JSON, the one place that shape is written: the token response's members (RFC 6749
   * §5.1), {@code expires_at} (ISO-8601, every digit kept so that it reads back equal), then every
   * extra. What {@code login} prints, and the start of a token file.
   */
  public ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("access_token", accessToken.reveal());
    json.put("token_type", tokenType);
    expiresIn.ifPresent(s -> json.put("expires_in", s));
    refreshToken.ifPresent(r -> json.put("refresh_token", r.reveal()));
    scope.ifPresent(s -> json.put("scope", s));
    expiresAt.ifPresent(at -> json.put("expires_at", DateTimeFormatter.ISO_INSTANT.format(at)));
    extras.forEach(json::set);
    return json;
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

  /** Reads a successful token response (RFC 6749 §5.1). */
  static TokenSet fromResponse(JsonNode json, Instant receivedAt) throws TokenEndpointException {
    JsonNode access = json.get("access_token");
    if (access == null || !access.isTextual() || access.asText().isEmpty()) {
      throw TokenEndpointException.malformed("the response has no access_token");
    }
    Optional<Long> expiresIn =
        Optional.ofNullable(json.get("expires_in"))
            .filter(n -> n.canConvertToLong() || n.isTextual())
            .map(n -> n.isTextual() ? Long.parseLong(n.asText().trim()) : n.asLong());
    Map<String, JsonNode> extras = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!KNOWN.contains(field.getKey())) {
        extras.put(field.getKey(), field.getValue());
      }
    }
    return new TokenSet(
        Secret.of(access.asText()),
        Optional.ofNullable(json.get("token_type")).map(JsonNode::asText).orElse("Bearer"),
        expiresIn,
        expiresIn.map(s -> receivedAt.plus(Duration.ofSeconds(s))),
        Optional.ofNullable(json.get("refresh_token"))
            .filter(JsonNode::isTextual)
            .map(JsonNode::asText)
            .filter(s -> !s.isEmpty())
            .map(Secret::of),
        Optional.ofNullable(json.get("scope")).map(JsonNode::asText),
        extras);
  }
}
