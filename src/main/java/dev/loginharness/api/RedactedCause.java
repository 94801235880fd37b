package dev.loginharness.api;

import dev.loginharness.secret.Redact;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * One link of a {@link HarnessException}'s cause chain: the original exception's class name, its
 * message redacted, and its stack trace. The original is not kept: a library's message (a
 * connection error naming a URL, a parser quoting what it read) may carry what {@link Redact}
 * removes. The project's own exceptions build their messages redacted and keep URL redaction only;
 * any other exception's message is redacted as a response body is (every quoted value and secret
 * field removed).
 */
public final class RedactedCause extends Exception {
  private static final int MAX_DEPTH = 16;
  private final String className;

  private RedactedCause(String className, String message, Throwable cause) {
    super(message, cause);
    this.className = className;
  }

  /** The class of the exception this stands for, such as {@code java.net.ConnectException}. */
  public String className() {
    return className;
  }

  @Override
  public String toString() {
    String message = getMessage();
    return message == null ? className : className + ": " + message;
  }

  static RedactedCause of(Throwable t) {
    return copy(t, Collections.newSetFromMap(new IdentityHashMap<>()), 0);
  }

  private static RedactedCause copy(Throwable t, Set<Throwable> seen, int depth) {
    if (t == null || depth >= MAX_DEPTH || !seen.add(t)) {
      return null;
    }
    if (t instanceof RedactedCause already) {
      return already;
    }
    String name = t.getClass().getName();
    String message = t.getMessage();
    if (message != null) {
      message = name.startsWith("dev.loginharness.") ? Redact.url(message) : Redact.body(message);
    }
    RedactedCause copy = new RedactedCause(name, message, copy(t.getCause(), seen, depth + 1));
    copy.setStackTrace(t.getStackTrace());
    return copy;
  }
}
