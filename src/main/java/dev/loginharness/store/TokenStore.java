package dev.loginharness.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Where tokens are kept between runs, keyed by provider and account.
 *
 * <p>An interface with two implementations rather than one class with a "disabled" flag: the no-op
 * store ({@link #none()}, for {@code --no-store} and tests) shares none of the file code, and
 * callers (the flows) never need to ask which one they hold. Sealed, because the lock and atomicity
 * guarantees below are part of the contract and a third implementation would have to prove them.
 *
 * <p>Read-modify-write sequences (refresh) belong inside {@link #locked}: re-read there, because
 * another process may have refreshed while this one waited. That is what lets twenty concurrent
 * {@code token} calls cause exactly one refresh.
 */
public sealed interface TokenStore permits FileTokenStore, NoTokenStore {

  /** The environment variable that overrides the default store directory. */
  String DIRECTORY_VARIABLE = "LOGIN_HARNESS_STORE";

  /**
   * {@code $LOGIN_HARNESS_STORE} if set, else {@code
   * ${XDG_CONFIG_HOME:-$HOME/.config}/login-harness/tokens}. Takes the environment as a map so that
   * tests need not change the real one.
   */
  static Path defaultDirectory(Map<String, String> env) {
    String explicit = env.get(DIRECTORY_VARIABLE);
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    // The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
    String xdg = env.get("XDG_CONFIG_HOME");
    Path config;
    if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
      config = Path.of(xdg);
    } else {
      String home = env.get("HOME");
      // HOME is missing in some minimal containers; the JVM still knows the user's home.
      config =
          Path.of(
              home != null && !home.isBlank() ? home : System.getProperty("user.home"), ".config");
    }
    return config.resolve("login-harness").resolve("tokens");
  }

  /** A store of files under {@code dir}, which is created (0700) on the first write. */
  static TokenStore at(Path dir) {
    return new FileTokenStore(dir);
  }

  /**
   * A store that keeps nothing: reads find nothing, writes are dropped, locks hold in this JVM
   * only.
   */
  static TokenStore none() {
    return NoTokenStore.INSTANCE;
  }

  /**
   * The stored tokens, or empty if there are none. A corrupt file is moved aside to {@code
   * <account>.json.corrupt-<epochmillis>} and reported, never silently overwritten later.
   */
  Optional<StoredTokens> read(String provider, String account) throws StoreException;

  /**
   * Replaces the stored tokens atomically: a crash at any point leaves the old file or the new one,
   * never a mix. {@code tokens} must carry the same provider and account.
   */
  void write(String provider, String account, StoredTokens tokens) throws StoreException;

  /** Removes the stored tokens; false if there were none. */
  boolean delete(String provider, String account) throws StoreException;

  /**
   * Runs {@code action} holding the account's exclusive lock, across threads and processes.
   * Reentrant within a thread. Gives up with a {@link StoreException} after {@code timeout}.
   */
  <T, E extends Exception> T locked(
      String provider, String account, Duration timeout, LockedAction<T, E> action)
      throws StoreException, E;

  /**
   * Every provider and account with a token file, sorted by provider then account; files whose
   * names are no valid provider or account (a corrupt copy set aside, a stray file) are left out.
   */
  java.util.List<StoreKey> entries() throws StoreException;

  /** A provider and account the store holds tokens for. */
  record StoreKey(String provider, String account) {}

  /** The file that holds (or would hold) the account's tokens. */
  Path pathOf(String provider, String account) throws StoreException;
}
