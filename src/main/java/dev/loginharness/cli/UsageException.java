package dev.loginharness.cli;

/** A flag combination or value that makes no sense; exit code 2. */
final class UsageException extends Exception {
  UsageException(String message) {
    super(message);
  }
}
