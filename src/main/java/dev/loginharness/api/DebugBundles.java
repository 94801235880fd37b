package dev.loginharness.api;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether and where a browser login leaves a bundle of what the browser saw: a screenshot of each
 * step and of the last page, that page's HTML with every input value removed, the network timeline
 * and console with codes, state and tokens replaced by {@code <redacted>}, and the timeline.
 * Written when a login fails, and with {@link #withTrace()} when it succeeds too. No bundle file
 * contains the run's password, client secret, code, state, verifier or tokens. Where one was
 * written is told to {@link LoginListener#notice}.
 */
public final class DebugBundles {
  private static final DebugBundles NONE = new DebugBundles(Optional.empty(), false, false);
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss.SSS");

  private final Optional<Path> directory;

  /** A new directory per login under the temporary directory, named when the login starts. */
  private final boolean temporary;

  private final boolean trace;

  private DebugBundles(Optional<Path> directory, boolean temporary, boolean trace) {
    this.directory = directory;
    this.temporary = temporary;
    this.trace = trace;
  }

  /** No bundles (the default). */
  public static DebugBundles none() {
    return NONE;
  }

  /**
   * {@code $TMPDIR/login-harness-debug/PROVIDER-yyyyMMdd-HHmmss.SSS}, named when each login starts,
   * so that two logins never write into the same bundle.
   */
  public static DebugBundles temporary() {
    return new DebugBundles(Optional.empty(), true, false);
  }

  /**
   * In {@code directory}: a login's bundle is written there, and when minting many accounts each
   * account's goes to {@code directory/ACCOUNT}.
   */
  public static DebugBundles in(Path directory) {
    return new DebugBundles(
        Optional.of(Objects.requireNonNull(directory, "directory")), false, false);
  }

  /**
   * A bundle for successful logins too, to compare with a failing one.
   *
   * @throws IllegalStateException on {@link #none()}: there is nowhere to write it
   */
  public DebugBundles withTrace() {
    if (!enabled()) {
      throw new IllegalStateException("no bundle directory to trace into");
    }
    return new DebugBundles(directory, temporary, true);
  }

  public boolean trace() {
    return trace;
  }

  boolean enabled() {
    return temporary || directory.isPresent();
  }

  /**
   * The directory for a login of {@code provider} starting now; empty when there are no bundles.
   */
  Optional<Path> directoryFor(String provider) {
    return directoryFor(provider, System::getenv);
  }

  Optional<Path> directoryFor(String provider, java.util.function.UnaryOperator<String> env) {
    if (temporary) {
      return Optional.of(
          temporaryRoot(env)
              .resolve("login-harness-debug")
              .resolve(provider + "-" + STAMP.format(LocalDateTime.now())));
    }
    return directory;
  }

  /**
   * {@code TMPDIR} when it names an absolute path, as every Unix tool reads it; else the JVM's
   * {@code java.io.tmpdir}, which on Linux is {@code /tmp} whatever {@code TMPDIR} says.
   */
  private static Path temporaryRoot(java.util.function.UnaryOperator<String> env) {
    String tmpdir = env.apply("TMPDIR");
    if (tmpdir != null && !tmpdir.isBlank() && Path.of(tmpdir).isAbsolute()) {
      return Path.of(tmpdir);
    }
    return Path.of(System.getProperty("java.io.tmpdir"));
  }

  @Override
  public String toString() {
    return !enabled()
        ? "DebugBundles.none()"
        : (temporary ? "DebugBundles.temporary()" : "DebugBundles.in(" + directory.get() + ")")
            + (trace ? ".withTrace()" : "");
  }
}
