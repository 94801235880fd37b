package dev.loginharness.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.loginharness.secret.Secret;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Just enough of a token file to answer "is there a usable access token?", for the {@code token}
 * credential helper that runs before every API call.
 *
 * <p>Reads with jackson-core's streaming parser only. Databind's first ObjectMapper costs a few
 * hundred milliseconds of class loading, which is the whole budget of this path; so this class must
 * not touch databind, {@link TokenStore#read} or anything that does (a test checks it in a fresh
 * JVM). It never throws: anything odd is "no cached token", and the slow path, which can report and
 * move a corrupt file, takes over.
 *
 * @param expiresAt empty when the provider did not say when the token expires
 * @param obtainedAt when the token endpoint answered; {@link Instant#EPOCH} when the file does not
 *     say (then the token's lifetime is unknown, and only {@code --min-valid} counts)
 * @param origin the server and client that issued the token, when the file says
 */
public record CachedToken(
    Secret accessToken,
    String tokenType,
    Optional<Instant> expiresAt,
    Instant obtainedAt,
    boolean hasRefreshToken,
    Optional<TokenOrigin> origin) {

  /**
   * The token file format this reader and {@link TokenFileCodec} understand. Kept here, not in the
   * codec, so that reading it cannot load the codec and with it databind.
   */
  static final int FORMAT = 1;

  /** Thread-safe and reusable; creating one per read would repeat its symbol-table setup. */
  private static final JsonFactory JSON = new JsonFactory();

  /**
   * The token in {@code file} ({@code <store>/<provider>/<account>.json}), or empty if there is
   * none, it is unreadable, not a format we know, or not private (the full path refuses it, saying
   * how to fix it).
   */
  public static Optional<CachedToken> read(Path file) {
    Path providerDir = file.toAbsolutePath().getParent();
    if (providerDir == null
        || providerDir.getParent() == null
        || !PrivateFiles.isPrivate(providerDir.getParent(), file.toAbsolutePath())) {
      return Optional.empty();
    }
    try {
      return parse(Files.readAllBytes(file));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Whether the token is good enough to hand out by the rules of {@link Validity#goodFor}. */
  public boolean validFor(Duration margin, Clock clock) {
    return Validity.goodFor(expiresAt, obtainedAt, margin, clock.instant());
  }

  private static Optional<CachedToken> parse(byte[] content) throws IOException {
    String access = null;
    String type = "Bearer";
    Instant expiresAt = null;
    Instant obtainedAt = Instant.EPOCH;
    boolean refresh = false;
    String tokenEndpoint = null;
    String clientId = null;
    try (JsonParser parser = JSON.createParser(content)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      JsonToken token;
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (name) {
          case "access_token" -> access = value == JsonToken.VALUE_STRING ? parser.getText() : null;
          case "token_type" -> type = value == JsonToken.VALUE_STRING ? parser.getText() : type;
          case "expires_at" -> {
            if (value != JsonToken.VALUE_STRING) {
              return Optional.empty();
            }
            expiresAt = Instant.parse(parser.getText());
          }
          case "obtained_at" -> {
            if (value != JsonToken.VALUE_STRING) {
              return Optional.empty();
            }
            obtainedAt = Instant.parse(parser.getText());
          }

          case "refresh_token" ->
              refresh = value == JsonToken.VALUE_STRING && !parser.getText().isEmpty();
          case "token_endpoint" ->
              tokenEndpoint = value == JsonToken.VALUE_STRING ? parser.getText() : null;
          case "client_id" -> clientId = value == JsonToken.VALUE_STRING ? parser.getText() : null;
          case "format" -> {
            // A newer format may mean something else by the same members: leave it to the slow
            // path.
            if (value != JsonToken.VALUE_NUMBER_INT || parser.getLongValue() != FORMAT) {
              return Optional.empty();
            }
          }
          default -> parser.skipChildren(); // extras can be large objects; nothing in them matters
        }
      }
      if (token != JsonToken.END_OBJECT || access == null || access.isEmpty()) {
        return Optional.empty(); // truncated, or no token: not something to hand out
      }
    }
    Optional<TokenOrigin> origin =
        tokenEndpoint != null && clientId != null
            ? Optional.of(new TokenOrigin(URI.create(tokenEndpoint), clientId))
            : Optional.empty();
    return Optional.of(
        new CachedToken(
            Secret.of(access), type, Optional.ofNullable(expiresAt), obtainedAt, refresh, origin));
  }
}
