package dev.loginharness.store;

/**
 * The token store could not be read, written or locked. Exit code 2. Messages name paths and
 * account names, never a token value.
 */
public class StoreException extends Exception {
  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
