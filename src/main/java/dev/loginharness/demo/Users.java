package dev.loginharness.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Set;

/**
 * The accounts that can sign in, some perhaps locked. Holds passwords, so its toString() only
 * counts.
 */
final class Users {
  /** What a username and password amount to. */
  enum Verdict {
    /** Unknown user or wrong password: the same answer, so the page does not tell which. */
    INVALID,
    /** The right password of a locked account. Only someone who knows the password learns this. */
    LOCKED,
    SIGNED_IN
  }

  private final Map<String, String> passwords;
  private final Set<String> locked;

  /**
   * @throws IllegalArgumentException if a locked user has no account
   */
  Users(Map<String, String> passwords, Set<String> locked) {
    this.passwords = Map.copyOf(passwords);
    this.locked = Set.copyOf(locked);
    if (!this.passwords.keySet().containsAll(this.locked)) {
      throw new IllegalArgumentException(
          "a locked user must also be added with user(name, password)");
    }
  }

  Verdict check(String username, String password) {
    if (!matches(username, password)) {
      return Verdict.INVALID;
    }
    return locked.contains(username) ? Verdict.LOCKED : Verdict.SIGNED_IN;
  }

  boolean matches(String username, String password) {
    String expected = passwords.get(username);
    // Compare even for unknown users so timing does not tell which usernames exist.
    byte[] reference =
        (expected == null ? "\0unknown-user" : expected).getBytes(StandardCharsets.UTF_8);
    boolean equal = MessageDigest.isEqual(reference, password.getBytes(StandardCharsets.UTF_8));
    return expected != null && equal;
  }

  int size() {
    return passwords.size();
  }

  int lockedCount() {
    return locked.size();
  }

  @Override
  public String toString() {
    return "Users["
        + passwords.size()
        + (locked.isEmpty() ? "" : ", locked=" + locked.size())
        + "]";
  }
}
