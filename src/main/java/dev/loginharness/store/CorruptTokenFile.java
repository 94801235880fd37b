package dev.loginharness.store;

/**
 * Why a file cannot be read as tokens; the store moves such a file aside. Internal: callers see a
 * {@link StoreException}. A class of its own rather than nested in {@link TokenFileCodec}: the
 * verifier loads the types in every catch clause of {@link FileTokenStore}, and loading the codec
 * is a step towards databind that the {@code token} hot path must not take.
 */
final class CorruptTokenFile extends Exception {
  /**
   * @param reason our own words, never the parser's: those can quote a token
   */
  CorruptTokenFile(String reason) {
    super(reason, null, false, false);
  }
}
