package dev.loginharness.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.loginharness.store.CachedToken;
import dev.loginharness.store.DiscoveryCache;
import dev.loginharness.store.StoreNames;
import dev.loginharness.store.TokenOrigin;
import dev.loginharness.store.TokenStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The hot path of {@code token}: read the stored token without a lock (files are replaced
 * atomically, so a reader sees the old or the new one, whole) and print it if it is valid long
 * enough, and if it came from the server and client the profile names. Anything out of the ordinary
 * — an unknown flag, a token about to expire, a token from another server, no store, {@code
 * --format json} — returns -1 and the full command takes over, with locking, refresh and proper
 * error messages. Uses jackson-core's streaming parser only.
 *
 * <p>The one class of the command line that reaches past the public API (into {@code store}): the
 * API would load the libraries this path exists to avoid. It only reads; every write, refresh and
 * error message belongs to the API.
 */
final class FastToken {
  private FastToken() {}

  /** The exit code when the token was printed, or -1 to fall through to the full command. */
  static int serve(String[] args, Map<String, String> env) {
    Optional<Request> request = Request.parse(args);
    if (request.isEmpty()
        || !(request.get().format().equals("token")
            || request.get().format().equals("header")
            || request.get().format().equals("exec-credential"))) {
      return -1;
    }
    Instant now = Instant.now();
    Optional<Target> target = target(request.get(), env, now);
    if (target.isEmpty()) {
      return -1;
    }
    Optional<CachedToken> cached = CachedToken.read(target.get().file());
    // Tokens from another server or client are the full command's to refuse, with its reasons.
    if (cached.isEmpty()
        || !cached.get().origin().equals(Optional.of(target.get().origin()))
        || !cached
            .get()
            .validFor(
                Duration.ofSeconds(request.get().minValid()),
                Clock.fixed(now, java.time.ZoneOffset.UTC))) {
      return -1;
    }
    PrintStream out = System.out;
    String token = cached.get().accessToken().reveal();
    out.println(
        switch (request.get().format()) {
          case "header" -> "Authorization: Bearer " + token;
          case "exec-credential" -> ExecCredential.render(token, cached.get().expiresAt());
          default -> token;
        });
    out.flush();
    return out.checkError() ? 1 : 0;
  }

  /**
   * The flags this path understands; any other (or a malformed one) makes {@link #parse} empty.
   * {@code --client-secret-env} and {@code --scope} change nothing about which token is served (the
   * secret is read only to send it, and a cached token is served whatever scopes it has, as the
   * full command serves it), so they are only checked for what the full command checks.
   */
  record Request(
      String provider,
      String issuer,
      String clientId,
      String redirectUri,
      String account,
      String store,
      String format,
      long minValid) {

    static Optional<Request> parse(String[] args) {
      String provider = null;
      String issuer = null;
      String clientId = null;
      String redirectUri = null;
      String account = "default";
      String store = null;
      String format = "token";
      long minValid = 60;
      java.util.Set<String> seen = new java.util.HashSet<>();
      try {
        for (int i = 1; i < args.length; i++) {
          String arg = args[i];
          String value = null;
          int eq = arg.indexOf('=');
          if (arg.startsWith("--") && eq > 0) {
            value = arg.substring(eq + 1);
            arg = arg.substring(0, eq);
          }
          // picocli refuses an option given twice, except the repeatable --scope.
          if (!seen.add(arg) && !arg.equals("--scope")) {
            return Optional.empty();
          }
          if (arg.equals("--login-if-needed")) {
            if (value != null) {
              return Optional.empty();
            }
            continue;
          }
          if (value == null) {
            value = args[++i];
          }
          switch (arg) {
            case "--provider" -> provider = value;
            case "--issuer" -> issuer = value;
            case "--client-id" -> clientId = value;
            case "--redirect-uri" -> redirectUri = value;
            case "--client-secret-env", "--scope" -> {}
            case "--account" -> account = value;
            case "--store" -> store = value;
            case "--format" -> format = value;
            case "--min-valid" -> minValid = Long.parseLong(value);
            default -> {
              return Optional.empty();
            }
          }
          // The full command refuses a blank override (ProfileOverrides) and a negative margin.
          if (value.isBlank() || minValid < 0) {
            return Optional.empty();
          }
        }
      } catch (RuntimeException malformed) {
        return Optional.empty();
      }
      if ((provider == null && issuer == null) || "none".equals(store)) {
        return Optional.empty();
      }
      return Optional.of(
          new Request(provider, issuer, clientId, redirectUri, account, store, format, minValid));
    }
  }

  /**
   * Where a request's tokens are stored, and the server and client they must come from.
   *
   * @param file {@code <store>/<provider name>/<account>.json}
   */
  record Target(Path file, String name, TokenOrigin origin) {}

  /**
   * The target of a request, resolved by the rules the full command follows (ProviderOptions, then
   * the profile loader): a built-in's name or a profile file (with an {@code extends} of a
   * built-in), the flags on top, and the token endpoint from the store's discovery cache when the
   * profile names an {@code issuer} and lacks an endpoint. Empty whenever the full command might
   * resolve it otherwise or not at all — a field set to {@code null}, an issuer with no fresh
   * document cached, a required field missing — so that it can say why.
   */
  static Optional<Target> target(Request request, Map<String, String> env, Instant now) {
    Map<String, String> fields;
    String defaultName;
    if (request.provider() != null) {
      fields = profileFields(request.provider());
      if (fields == null) {
        return Optional.empty();
      }
      defaultName = fields.remove(DEFAULT_NAME);
    } else {
      // ProfileLoader.fromFields: the flags alone, named after the issuer's host.
      fields = new HashMap<>();
      defaultName = httpHost(request.issuer());
    }
    if (request.issuer() != null) {
      if (httpHost(request.issuer()) == null) {
        return Optional.empty(); // refused by the full command (ProfileOverrides)
      }
      fields.put("issuer", request.issuer());
    }
    if (request.clientId() != null) {
      fields.put("clientId", request.clientId());
    }
    if (request.redirectUri() != null) {
      fields.put("redirectUri", request.redirectUri());
    }
    if (fields.containsValue(null)
        || !present(fields, "clientId")
        || !present(fields, "redirectUri")) {
      return Optional.empty();
    }
    Path dir =
        request.store() != null ? Path.of(request.store()) : TokenStore.defaultDirectory(env);
    String tokenEndpoint = fields.get("tokenEndpoint");
    if (present(fields, "issuer")
        && !(present(fields, "authorizationEndpoint") && present(fields, "tokenEndpoint"))) {
      Optional<DiscoveryCache.Document> discovered =
          DiscoveryCache.in(dir).readFresh(fields.get("issuer"), now);
      if (discovered.isEmpty()) {
        return Optional.empty(); // the full command discovers, and keeps the document
      }
      if (!present(fields, "tokenEndpoint")) {
        tokenEndpoint = discovered.get().tokenEndpoint().toString();
      }
    } else if (!present(fields, "authorizationEndpoint") || !present(fields, "tokenEndpoint")) {
      return Optional.empty();
    }
    String name = fields.getOrDefault("name", defaultName);
    if (!StoreNames.isValid(name) || !StoreNames.isValid(request.account())) {
      return Optional.empty();
    }
    try {
      // The full command refuses a redirect URI with no scheme or one a browser runs itself.
      String scheme = new URI(fields.get("redirectUri")).getScheme();
      if (scheme == null
          || java.util.Set.of("javascript", "data", "vbscript")
              .contains(scheme.toLowerCase(java.util.Locale.ROOT))) {
        return Optional.empty();
      }
      return Optional.of(
          new Target(
              dir.resolve(name).resolve(request.account() + ".json"),
              name,
              new TokenOrigin(new URI(tokenEndpoint), fields.get("clientId"))));
    } catch (URISyntaxException | RuntimeException notAUri) {
      return Optional.empty();
    }
  }

  /** The fields that decide a target; any of them not a string makes the full command decide. */
  private static final java.util.Set<String> RESOLVING =
      java.util.Set.of(
          "name",
          "extends",
          "issuer",
          "authorizationEndpoint",
          "tokenEndpoint",
          "clientId",
          "redirectUri");

  /** A key no profile field can have: the name a profile gets when it gives none. */
  private static final String DEFAULT_NAME = " default name";

  /**
   * A built-in's or a profile file's top-level strings, with its {@code extends} resolved, and its
   * default name under {@link #DEFAULT_NAME}; null when the full command must read it.
   */
  private static Map<String, String> profileFields(String provider) {
    Path path = Path.of(provider);
    Map<String, String> fields;
    String defaultName;
    if (Files.isRegularFile(path)) {
      fields = topLevelStrings(path);
      if (fields == null) {
        return null;
      }
      defaultName = path.getFileName().toString().replaceFirst("\\.json$", "");
      if (fields.containsKey("extends")) {
        String parent = fields.remove("extends");
        Map<String, String> merged = parent == null ? null : builtIn(parent);
        if (merged == null) {
          return null;
        }
        merged.putAll(fields);
        fields = merged;
      }
    } else if (provider.matches("[a-z0-9-]+")) {
      fields = builtIn(provider);
      defaultName = provider;
    } else {
      return null;
    }
    if (fields != null) {
      fields.put(DEFAULT_NAME, defaultName);
    }
    return fields;
  }

  /** Set and not blank, as the profile loader's optional text is. */
  private static boolean present(Map<String, String> fields, String name) {
    String value = fields.get(name);
    return value != null && !value.isBlank();
  }

  /** The host of an absolute http(s) URL as the full command accepts it, else null. */
  private static String httpHost(String url) {
    try {
      URI uri = new URI(url);
      return url.equals(url.strip())
              && ("http".equalsIgnoreCase(uri.getScheme())
                  || "https".equalsIgnoreCase(uri.getScheme()))
          ? uri.getHost()
          : null;
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private static Map<String, String> builtIn(String name) {
    if (!name.matches("[a-z0-9-]+")) {
      return null;
    }
    try (InputStream in = FastToken.class.getResourceAsStream("/providers/" + name + ".json")) {
      return in == null ? null : topLevelStrings(in.readAllBytes());
    } catch (IOException e) {
      return null;
    }
  }

  private static Map<String, String> topLevelStrings(Path file) {
    try {
      return topLevelStrings(Files.readAllBytes(file));
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * A JSON object's top-level string members; a {@code null} member maps to null. Null when the
   * content is not a JSON object: the full command reports that properly.
   */
  private static Map<String, String> topLevelStrings(byte[] json) {
    Map<String, String> fields = new HashMap<>();
    try (JsonParser parser = new JsonFactory().createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (value == JsonToken.VALUE_STRING) {
          fields.put(field, parser.getText());
        } else if (value == JsonToken.VALUE_NULL || RESOLVING.contains(field)) {
          fields.put(field, null); // one the full command resolves otherwise, or refuses
        }
        parser.skipChildren();
      }
    } catch (IOException | RuntimeException unreadable) {
      return null;
    }
    return fields;
  }
}
