package dev.loginharness.store;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Run in a second JVM: takes the lock of {@code <provider>/<account>} in the store at {@code
 * <dir>}, prints "locked", and holds it until its stdin closes.
 */
public final class LockHolder {
  private LockHolder() {}

  public static void main(String[] args) throws Exception {
    TokenStore store = TokenStore.at(Path.of(args[0]));
    store.locked(
        args[1],
        args[2],
        Duration.ofSeconds(30),
        () -> {
          System.out.println("locked");
          System.out.flush();
          while (System.in.read() != -1) {
            // Hold on until the parent closes our stdin (or dies).
          }
          return null;
        });
  }
}
