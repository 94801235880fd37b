package dev.loginharness.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Keeps nothing. Names are still checked, so a bad {@code --account} fails the same way whether or
 * not the store is enabled. Locks still hold within the JVM: parallel minting in one test run
 * should not refresh the same account twice even without a cache on disk.
 */
final class NoTokenStore implements TokenStore {
  static final NoTokenStore INSTANCE = new NoTokenStore();

  /** Distinct from every file-store lock key (those are paths). */
  private record LockKey(String provider, String account) {}

  private NoTokenStore() {}

  @Override
  public Optional<StoredTokens> read(String provider, String account) throws StoreException {
    StoreNames.check(provider, account);
    return Optional.empty();
  }

  @Override
  public void write(String provider, String account, StoredTokens tokens) throws StoreException {
    StoreNames.check(provider, account);
  }

  @Override
  public boolean delete(String provider, String account) throws StoreException {
    StoreNames.check(provider, account);
    return false;
  }

  @Override
  public <T, E extends Exception> T locked(
      String provider, String account, Duration timeout, LockedAction<T, E> action)
      throws StoreException, E {
    StoreNames.check(provider, account);
    return Locks.inJvm(new LockKey(provider, account), provider + "/" + account, timeout, action);
  }

  /** Relative, because nothing is on disk: only useful in messages. */
  @Override
  public Path pathOf(String provider, String account) throws StoreException {
    StoreNames.check(provider, account);
    return Path.of(provider, account + ".json");
  }

  @Override
  public String toString() {
    return "TokenStore.none()";
  }

  @Override
  public java.util.List<StoreKey> entries() {
    return java.util.List.of();
  }
}
