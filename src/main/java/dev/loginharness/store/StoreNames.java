package dev.loginharness.store;

import java.util.regex.Pattern;

/**
 * Provider and account names become path segments, so they are checked before any path is built: no
 * separators, no leading dot (hidden files, {@code ..}), a length every file system accepts.
 */
public final class StoreNames {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private StoreNames() {}

  /** Whether {@code name} can be a provider or account name in the store. */
  public static boolean isValid(String name) {
    return name != null && VALID.matcher(name).matches();
  }

  static void check(String provider, String account) throws StoreException {
    checkOne("provider", provider);
    checkOne("account", account);
  }

  private static void checkOne(String kind, String value) throws StoreException {
    if (!isValid(value)) {
      throw new StoreException(
          "invalid "
              + kind
              + " name "
              + shown(value)
              + ": use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
  }

  /** Quoted, with control characters replaced, so a bad name cannot garble the terminal. */
  private static String shown(String value) {
    return value == null ? "(none)" : '"' + value.replaceAll("\\p{Cntrl}", "?") + '"';
  }
}
