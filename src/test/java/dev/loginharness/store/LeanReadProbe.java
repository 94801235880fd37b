package dev.loginharness.store;

import java.nio.file.Path;

/**
 * Run in a fresh JVM with class-load logging: the {@code token} hot path (find the file, read it
 * leanly), after which the parent checks that no databind class was loaded.
 */
public final class LeanReadProbe {
  private LeanReadProbe() {}

  public static void main(String[] args) throws Exception {
    Path file = TokenStore.at(Path.of(args[0])).pathOf(args[1], args[2]);
    CachedToken token = CachedToken.read(file).orElseThrow();
    System.out.println(
        "PROBE token-length="
            + token.accessToken().reveal().length()
            + " expires="
            + token.expiresAt().orElseThrow());
  }
}
