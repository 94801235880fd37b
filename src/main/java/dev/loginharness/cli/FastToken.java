package dev.loginharness.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.loginharness.store.CachedToken;
import dev.loginharness.store.StoreNames;
import dev.loginharness.store.TokenStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The hot path of {@code token}: read the stored token without a lock (files are replaced
 * atomically, so a reader sees the old or the new one, whole) and print it if it is valid long
 * enough. Anything out of the ordinary — an unknown flag, a token about to expire, no store,
 * {@code --format json} — returns -1 and the full command takes over, with locking, refresh and
 * proper error messages. Uses jackson-core's streaming parser only.
 *
 * <p>The one class of the command line that reaches past the public API (into {@code store}):
 * the API would load the libraries this path exists to avoid. It only reads; every write,
 * refresh and error message belongs to the API.
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
          case "--login-if-needed" -> { }
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
    if (provider == null || "none".equals(store) || !(format.equals("token") || format.equals("header"))) {
      return -1;
    }
    Optional<String> name = providerName(provider);
    if (name.isEmpty() || !StoreNames.isValid(name.get()) || !StoreNames.isValid(account)) {
      return -1;
    }
    Path dir = store != null ? Path.of(store) : TokenStore.defaultDirectory(env);
    Optional<CachedToken> cached = CachedToken.read(dir.resolve(name.get()).resolve(account + ".json"));
    if (cached.isEmpty() || !cached.get().validFor(Duration.ofSeconds(minValid), Clock.systemUTC())) {
      return -1;
    }
    PrintStream out = System.out;
    String token = cached.get().accessToken().reveal();
    out.println(format.equals("header") ? "Authorization: Bearer " + token : token);
    out.flush();
    return out.checkError() ? 1 : 0;
  }

  /**
   * The store name of a provider argument: a built-in's name, or the top-level {@code name} of
   * a profile file. A file without one (its name comes from {@code extends} or its file name)
   * is left to the full command, which knows those rules.
   */
  private static Optional<String> providerName(String provider) {
    Path path = Path.of(provider);
    if (!Files.isRegularFile(path)) {
      return provider.matches("[a-z0-9-]+") ? Optional.of(provider) : Optional.empty();
    }
    try (JsonParser parser = new JsonFactory().createParser(Files.readString(path, StandardCharsets.UTF_8))) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (field.equals("name") && value == JsonToken.VALUE_STRING) {
          return Optional.of(parser.getText());
        }
        parser.skipChildren();
      }
    } catch (IOException | RuntimeException unreadable) {
      // the full command reports it properly
    }
    return Optional.empty();
  }
}
