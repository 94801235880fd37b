package dev.loginharness.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.loginharness.store.CachedToken;
import dev.loginharness.store.StoreNames;
import dev.loginharness.store.TokenOrigin;
import dev.loginharness.store.TokenStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
    String provider = null;
    String account = "default";
    String store = null;
    String format = "token";
    long minValid = 60;
    try {
      for (int i = 1; i < args.length; i++) {
        String arg = args[i];
        String value = null;
        int eq = arg.indexOf('=');
        if (arg.startsWith("--") && eq > 0) {
          value = arg.substring(eq + 1);
          arg = arg.substring(0, eq);
        }
        switch (arg) {
          case "--login-if-needed" -> {}
          case "--provider" -> provider = value != null ? value : args[++i];
          case "--account" -> account = value != null ? value : args[++i];
          case "--store" -> store = value != null ? value : args[++i];
          case "--format" -> format = value != null ? value : args[++i];
          case "--min-valid" -> minValid = Long.parseLong(value != null ? value : args[++i]);
          default -> {
            return -1;
          }
        }
      }
    } catch (RuntimeException malformed) {
      return -1;
    }
    if (provider == null
        || "none".equals(store)
        || !(format.equals("token")
            || format.equals("header")
            || format.equals("exec-credential"))) {
      return -1;
    }
    Optional<Target> target = target(provider);
    if (target.isEmpty()
        || !StoreNames.isValid(target.get().name())
        || !StoreNames.isValid(account)) {
      return -1;
    }
    Path dir = store != null ? Path.of(store) : TokenStore.defaultDirectory(env);
    Optional<CachedToken> cached =
        CachedToken.read(dir.resolve(target.get().name()).resolve(account + ".json"));
    // Tokens from another server or client are the full command's to refuse, with its reasons.
    if (cached.isEmpty()
        || !cached.get().origin().equals(Optional.of(target.get().origin()))
        || !cached.get().validFor(Duration.ofSeconds(minValid), Clock.systemUTC())) {
      return -1;
    }
    PrintStream out = System.out;
    String token = cached.get().accessToken().reveal();
    out.println(
        switch (format) {
          case "header" -> "Authorization: Bearer " + token;
          case "exec-credential" -> ExecCredential.render(token, cached.get().expiresAt());
          default -> token;
        });
    out.flush();
    return out.checkError() ? 1 : 0;
  }

  /**
   * Where a provider argument's tokens are stored, and the server and client they must come from.
   */
  private record Target(String name, TokenOrigin origin) {}

  /**
   * The target of a built-in's name or of a profile file, read as the profile loader reads them,
   * for the few fields that matter here. A file that needs more — an OIDC issuer to discover, an
   * {@code extends} of another file, a field set to {@code null} — is left to the full command,
   * which knows all the rules.
   */
  private static Optional<Target> target(String provider) {
    Path path = Path.of(provider);
    Map<String, String> fields;
    String defaultName;
    if (Files.isRegularFile(path)) {
      fields = topLevelStrings(path);
      if (fields == null) {
        return Optional.empty();
      }
      defaultName = path.getFileName().toString().replaceFirst("\\.json$", "");
      String parent = fields.remove("extends");
      if (parent != null) {
        Map<String, String> merged = builtIn(parent);
        if (merged == null) {
          return Optional.empty();
        }
        merged.putAll(fields);
        fields = merged;
      }
    } else if (provider.matches("[a-z0-9-]+")) {
      fields = builtIn(provider);
      defaultName = provider;
    } else {
      return Optional.empty();
    }
    if (fields == null
        || fields.containsKey("issuer")
        || fields.containsValue(null)
        || !fields.containsKey("tokenEndpoint")
        || !fields.containsKey("clientId")) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new Target(
              fields.getOrDefault("name", defaultName),
              new TokenOrigin(URI.create(fields.get("tokenEndpoint")), fields.get("clientId"))));
    } catch (IllegalArgumentException notAUri) {
      return Optional.empty();
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
        } else if (value == JsonToken.VALUE_NULL) {
          fields.put(field, null);
        }
        parser.skipChildren();
      }
    } catch (IOException | RuntimeException unreadable) {
      return null;
    }
    return fields;
  }
}
