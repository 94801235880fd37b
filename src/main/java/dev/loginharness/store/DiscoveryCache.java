package dev.loginharness.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The OIDC discovery documents of the issuers the store's tokens came from, so that {@code token
 * --issuer …} answers from disk like every other way of naming a provider: {@code
 * <store>/.discovery/<issuer>.json}, one file per issuer, kept for {@link #MAX_AGE}. The leading
 * dot keeps the directory apart from the providers' (no provider name starts with one).
 *
 * <p>Holds the endpoints only, never a token or secret; still private (0700 directory, 0600 files)
 * and refused otherwise, with the store's rules and messages: the token endpoint in it is where the
 * refresh token is sent, so a file someone else could have written is no more trusted than a token
 * file. Reads use jackson-core's streaming parser only, as {@link CachedToken} does, because the
 * {@code token} hot path reads it too.
 */
public final class DiscoveryCache {
  /**
   * How long a document is used before it is fetched again. Providers move endpoints rarely and
   * announce it long before; a day means one discovery a day per issuer, and a token endpoint that
   * moved within the day shows up as a failing refresh, which drops the document (see {@link
   * #forget}).
   */
  public static final Duration MAX_AGE = Duration.ofHours(24);

  /** A clock that is a little behind the writer's still finds the document fresh. */
  private static final Duration FUTURE_SLACK = Duration.ofMinutes(5);

  private static final int FORMAT = 1;
  private static final JsonFactory JSON = new JsonFactory();
  private static final String DIRECTORY = ".discovery";

  private final Path storeDir;

  private DiscoveryCache(Path storeDir) {
    this.storeDir = storeDir.toAbsolutePath().normalize();
  }

  /** The cache of the store in {@code storeDir}. */
  public static DiscoveryCache in(Path storeDir) {
    return new DiscoveryCache(storeDir);
  }

  /**
   * The endpoints an issuer announced, and when they were fetched.
   *
   * @param issuer as asked for, without trailing slashes (see {@link #key})
   */
  public record Document(
      String issuer,
      URI authorizationEndpoint,
      URI tokenEndpoint,
      Optional<URI> userinfoEndpoint,
      Optional<URI> revocationEndpoint,
      Instant fetchedAt) {

    /** Whether it is younger than {@link #MAX_AGE} at {@code now}. */
    public boolean freshAt(Instant now) {
      return fetchedAt.isAfter(now.minus(MAX_AGE)) && fetchedAt.isBefore(now.plus(FUTURE_SLACK));
    }
  }

  /**
   * The issuer as the cache knows it: trailing slashes dropped, as {@code Discovery} drops them
   * when it builds the well-known URL and compares the announced issuer.
   */
  public static String key(String issuer) {
    return issuer.replaceAll("/+$", "");
  }

  /** The file that holds (or would hold) {@code issuer}'s document. */
  public Path pathOf(String issuer) {
    String key = key(issuer);
    String readable = key.replaceFirst("^[A-Za-z]+://", "").replaceAll("[^A-Za-z0-9.-]", "_");
    if (readable.length() > 100) {
      readable = readable.substring(0, 100);
    }
    // The readable part can collide (a/b and a_b); the hash tells them apart, and the issuer
    // inside the file is compared in any case.
    return storeDir
        .resolve(DIRECTORY)
        .resolve(readable + "-" + String.format("%08x", key.hashCode()) + ".json");
  }

  /**
   * The fresh document of {@code issuer} for the {@code token} hot path: empty when there is none,
   * it is stale, unreadable, for another issuer, or not private. Never throws and never reports;
   * the full command does both.
   */
  public Optional<Document> readFresh(String issuer, Instant now) {
    Path file = pathOf(issuer);
    if (!PrivateFiles.isPrivate(storeDir, file)) {
      return Optional.empty();
    }
    try {
      return parse(Files.readAllBytes(file), key(issuer)).filter(d -> d.freshAt(now));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The document of {@code issuer}, fresh or stale; empty when there is none or it cannot be read
   * as one (it is then fetched again and replaced).
   *
   * @throws StoreException the file or a directory above it can be read or written by others
   */
  public Optional<Document> read(String issuer) throws StoreException {
    Path file = pathOf(issuer);
    PrivateFiles.requirePrivate(
        storeDir,
        file,
        true,
        "discovery cache file",
        "and it says where tokens are sent",
        " (or delete it: it is fetched again)");
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StoreException("could not read discovery cache file " + file + ": " + e, e);
    }
    try {
      return parse(content, key(issuer));
    } catch (IOException | RuntimeException unreadable) {
      return Optional.empty();
    }
  }

  /** Keeps {@code document} (0600, atomically), replacing the issuer's earlier one. */
  public void write(Document document) throws StoreException {
    Path file = pathOf(document.issuer());
    PrivateFiles.requirePrivate(storeDir, file, false);
    try {
      PrivateFiles.createDirectories(file.getParent());
      PrivateFiles.replace(file, encode(document));
    } catch (IOException e) {
      throw new StoreException("could not write discovery cache file " + file + ": " + e, e);
    }
  }

  /**
   * Drops {@code issuer}'s document, so that the next call discovers again: for an endpoint that no
   * longer answers where the document said. False when there was none.
   */
  public boolean forget(String issuer) throws StoreException {
    Path file = pathOf(issuer);
    try {
      return Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new StoreException("could not delete discovery cache file " + file + ": " + e, e);
    }
  }

  private static byte[] encode(Document d) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.useDefaultPrettyPrinter();
      json.writeStartObject();
      json.writeNumberField("format", FORMAT);
      json.writeStringField("issuer", d.issuer());
      json.writeStringField("fetched_at", d.fetchedAt().toString());
      json.writeStringField("authorization_endpoint", d.authorizationEndpoint().toString());
      json.writeStringField("token_endpoint", d.tokenEndpoint().toString());
      if (d.userinfoEndpoint().isPresent()) {
        json.writeStringField("userinfo_endpoint", d.userinfoEndpoint().get().toString());
      }
      if (d.revocationEndpoint().isPresent()) {
        json.writeStringField("revocation_endpoint", d.revocationEndpoint().get().toString());
      }
      json.writeEndObject();
    }
    out.write('\n');
    return out.toByteArray();
  }

  /** Empty unless it is a whole document of ours, for {@code issuer}, in a format we know. */
  private static Optional<Document> parse(byte[] content, String issuer) throws IOException {
    String format = null;
    String ownIssuer = null;
    String fetchedAt = null;
    String authorization = null;
    String token = null;
    String userinfo = null;
    String revocation = null;
    try (JsonParser parser = JSON.createParser(content)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      JsonToken next;
      while ((next = parser.nextToken()) == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        String text =
            value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NUMBER_INT
                ? parser.getText()
                : null;
        parser.skipChildren();
        switch (name) {
          case "format" -> format = text;
          case "issuer" -> ownIssuer = text;
          case "fetched_at" -> fetchedAt = text;
          case "authorization_endpoint" -> authorization = text;
          case "token_endpoint" -> token = text;
          case "userinfo_endpoint" -> userinfo = text;
          case "revocation_endpoint" -> revocation = text;
          default -> {}
        }
      }
      if (next != JsonToken.END_OBJECT
          || !String.valueOf(FORMAT).equals(format)
          || !issuer.equals(ownIssuer)
          || fetchedAt == null
          || authorization == null
          || token == null) {
        return Optional.empty();
      }
    }
    return Optional.of(
        new Document(
            ownIssuer,
            URI.create(authorization),
            URI.create(token),
            Optional.ofNullable(userinfo).map(URI::create),
            Optional.ofNullable(revocation).map(URI::create),
            Instant.parse(fetchedAt)));
  }
}
