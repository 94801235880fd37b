package dev.loginharness.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loginharness.oauth.TokenSet;
import dev.loginharness.secret.Secret;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The token file: the JSON {@code login} prints (so {@code jq} works on it the same way) plus a few
 * members of the store's own. Extras that happen to share a name with one of those are kept under
 * {@code colliding_extras} instead of being lost, so every TokenSet reads back equal.
 *
 * <p>Messages about a bad file give a reason of our own, never Jackson's: a parser error quotes the
 * offending text, which in a token file is likely to be a token.
 */
final class TokenFileCodec {
  private static final int FORMAT = CachedToken.FORMAT;
  private static final String OBTAINED_AT = "obtained_at";
  private static final String PROVIDER = "provider";
  private static final String ACCOUNT = "account";
  private static final String TOKEN_ENDPOINT = "token_endpoint";
  private static final String CLIENT_ID = "client_id";
  private static final String FORMAT_MEMBER = "format";
  private static final String COLLIDING = "colliding_extras";
  private static final String REFRESH_REFUSED_AT = "refresh_refused_at";
  private static final Set<String> OWN =
      Set.of(
          OBTAINED_AT,
          PROVIDER,
          ACCOUNT,
          TOKEN_ENDPOINT,
          CLIENT_ID,
          FORMAT_MEMBER,
          COLLIDING,
          REFRESH_REFUSED_AT);

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private TokenFileCodec() {}

  static byte[] encode(StoredTokens stored) {
    ObjectNode json = MAPPER.valueToTree(stored.tokens().toJson());
    ObjectNode colliding = MAPPER.createObjectNode();
    stored.tokens().extras().keySet().stream()
        .filter(OWN::contains)
        .forEach(name -> colliding.set(name, json.remove(name)));
    json.put(OBTAINED_AT, iso(stored.obtainedAt()));
    json.put(PROVIDER, stored.provider());
    json.put(ACCOUNT, stored.account());
    stored
        .origin()
        .ifPresent(
            origin -> {
              json.put(TOKEN_ENDPOINT, origin.tokenEndpoint().toString());
              json.put(CLIENT_ID, origin.clientId());
            });
    stored.refreshRefusedAt().ifPresent(at -> json.put(REFRESH_REFUSED_AT, iso(at)));
    json.put(FORMAT_MEMBER, FORMAT);
    if (!colliding.isEmpty()) {
      json.set(COLLIDING, colliding);
    }
    try {
      return (MAPPER.writeValueAsString(json) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree Jackson built cannot fail to serialise", e);
    }
  }

  /**
   * Provider and account come from the file's key, not its content: the path is what was asked for,
   * and a file copied between accounts should not answer under its old name.
   *
   * @param modifiedAt stands in for a missing {@code obtained_at} (hand-written files)
   * @throws StoreException the file is from a newer login-harness; it is not corrupt, so it must
   *     not be moved aside
   */
  /** A member as the plain value {@link TokenSet#extras()} holds. */
  private static Object plain(JsonNode value) {
    return MAPPER.convertValue(value, Object.class);
  }

  static StoredTokens decode(
      Path file, byte[] content, String provider, String account, Instant modifiedAt)
      throws CorruptTokenFile, StoreException {
    JsonNode json;
    try {
      json = MAPPER.readTree(content);
    } catch (IOException e) {
      throw new CorruptTokenFile("not JSON");
    }
    if (json == null || !json.isObject()) {
      throw new CorruptTokenFile("not a JSON object");
    }
    checkFormat(file, json.get(FORMAT_MEMBER));
    Optional<String> access = text(json, "access_token");
    if (access.isEmpty() || access.get().isEmpty()) {
      throw new CorruptTokenFile("no access_token");
    }
    Map<String, Object> extras = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!TokenSet.KNOWN.contains(field.getKey()) && !OWN.contains(field.getKey())) {
        extras.put(field.getKey(), plain(field.getValue()));
      }
    }
    JsonNode colliding = json.get(COLLIDING);
    if (colliding != null) {
      if (!colliding.isObject()) {
        throw new CorruptTokenFile(COLLIDING + " is not an object");
      }
      colliding.fields().forEachRemaining(f -> extras.put(f.getKey(), plain(f.getValue())));
    }
    TokenSet tokens =
        new TokenSet(
            Secret.of(access.get()),
            text(json, "token_type").orElse("Bearer"),
            integer(json, "expires_in"),
            instant(json, "expires_at"),
            text(json, "refresh_token").filter(s -> !s.isEmpty()).map(Secret::of),
            text(json, "scope"),
            extras);
    Optional<URI> tokenEndpoint = uri(json, TOKEN_ENDPOINT);
    Optional<String> clientId = text(json, CLIENT_ID);
    Optional<TokenOrigin> origin =
        tokenEndpoint.isPresent() && clientId.isPresent()
            ? Optional.of(new TokenOrigin(tokenEndpoint.get(), clientId.get()))
            : Optional.empty();
    return new StoredTokens(
        tokens,
        provider,
        account,
        instant(json, OBTAINED_AT).orElse(modifiedAt),
        origin,
        instant(json, REFRESH_REFUSED_AT));
  }

  private static void checkFormat(Path file, JsonNode format)
      throws CorruptTokenFile, StoreException {
    if (format == null || format.isNull()) {
      return; // written by hand, or by a tool that copied the login output: assume the first
    }
    if (!format.isIntegralNumber() || format.asLong() < 1) {
      throw new CorruptTokenFile("format is not a positive integer");
    }
    if (format.asLong() > FORMAT) {
      throw new StoreException(
          "token store file "
              + file
              + " has format "
              + format.asLong()
              + ", written by a newer login-harness; this one reads format "
              + FORMAT);
    }
  }

  private static Optional<String> text(JsonNode json, String name) throws CorruptTokenFile {
    JsonNode node = json.get(name);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isTextual()) {
      throw new CorruptTokenFile(name + " is not a string");
    }
    return Optional.of(node.asText());
  }

  private static Optional<Long> integer(JsonNode json, String name) throws CorruptTokenFile {
    JsonNode node = json.get(name);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw new CorruptTokenFile(name + " is not an integer");
    }
    return Optional.of(node.asLong());
  }

  private static Optional<Instant> instant(JsonNode json, String name) throws CorruptTokenFile {
    Optional<String> text = text(json, name);
    try {
      return text.map(Instant::parse);
    } catch (DateTimeParseException e) {
      throw new CorruptTokenFile(name + " is not an ISO-8601 instant");
    }
  }

  private static Optional<URI> uri(JsonNode json, String name) throws CorruptTokenFile {
    Optional<String> text = text(json, name);
    try {
      return text.map(URI::create);
    } catch (IllegalArgumentException e) {
      throw new CorruptTokenFile(name + " is not a URI");
    }
  }

  /** ISO_INSTANT keeps every digit of the nanoseconds, so expiresAt reads back exactly. */
  private static String iso(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant);
  }
}
