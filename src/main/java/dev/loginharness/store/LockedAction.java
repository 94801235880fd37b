package dev.loginharness.store;

/**
 * What runs while {@link TokenStore#locked} holds an account's lock. Its own checked exception
 * passes through unchanged, so a refresh can throw its token-endpoint failure from inside.
 */
@FunctionalInterface
public interface LockedAction<T, E extends Exception> {
  T run() throws E;
}
