package dev.loginharness.browser;

import dev.loginharness.secret.Secret;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where the one-time code for a login step comes from. Asked only when the page actually asks, so a
 * time-based code is as fresh as possible when it is typed.
 */
@FunctionalInterface
public interface OtpSource {
  /** A code to type now. */
  Secret next() throws LoginPageException;

  /**
   * Codes generated locally. A code with under three seconds left is skipped for the next one, so
   * it cannot expire between typing and the provider checking it.
   */
  static OtpSource totp(Totp totp, Clock clock) {
    Objects.requireNonNull(totp, "totp");
    Objects.requireNonNull(clock, "clock");
    return () -> {
      try {
        return totp.current(clock, Duration.ofSeconds(3), Totp.Sleeper.system());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LoginPageException("interrupted while waiting for the next TOTP time step");
      }
    };
  }

  /**
   * Codes printed by a program (a password manager's CLI, {@code oathtool}, a script reading an SMS
   * gateway): the first non-empty line of its stdout, trimmed. Run directly, without a shell, with
   * stdin closed and stderr discarded, so it can neither hang on a prompt nor leak into our logs.
   * Failure messages name the program and what went wrong, never what it printed.
   */
  static OtpSource command(List<String> command, Duration timeout) {
    List<String> argv = List.copyOf(command); // also rejects null elements
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("OTP command is empty");
    }
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("OTP command timeout must be positive");
    }
    return () -> runCommand(argv, timeout);
  }

  private static Secret runCommand(List<String> argv, Duration timeout) throws LoginPageException {
    String name = "OTP command '" + argv.get(0) + "'";
    long deadline = System.nanoTime() + timeout.toNanos();
    Process process;
    try {
      process = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException | RuntimeException e) {
      LoginPageException failure = new LoginPageException(name + " could not be started");
      failure.initCause(e);
      throw failure;
    }
    try {
      process.getOutputStream().close();
    } catch (IOException ignored) {
      // The program may already have exited; a closed stdin is all we wanted.
    }
    CompletableFuture<String> stdout = drain(process.getInputStream());
    try {
      if (!process.waitFor(remainingNanos(deadline), TimeUnit.NANOSECONDS)) {
        killTree(process);
        throw new LoginPageException(
            name + " did not finish within " + timeout.toMillis() + " ms and was killed");
      }
      if (process.exitValue() != 0) {
        throw new LoginPageException(name + " failed with exit status " + process.exitValue());
      }
      String output;
      try {
        output = stdout.get(remainingNanos(deadline), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        // The program exited but something it started still holds stdout open.
        throw new LoginPageException(
            name
                + " exited but its output did not end within "
                + timeout.toMillis()
                + " ms (a background child still running?)");
      } catch (ExecutionException e) {
        throw new LoginPageException(name + ": reading its output failed");
      }
      return output
          .lines()
          .map(String::strip)
          .filter(line -> !line.isEmpty())
          .findFirst()
          .map(Secret::of)
          .orElseThrow(() -> new LoginPageException(name + " printed no code"));
    } catch (InterruptedException e) {
      killTree(process);
      Thread.currentThread().interrupt();
      throw new LoginPageException(name + " was interrupted and killed");
    }
  }

  private static long remainingNanos(long deadline) {
    return Math.max(0, deadline - System.nanoTime());
  }

  // Read on its own thread: a program that prints more than a pipe buffer would otherwise block
  // and look like a timeout. Only the start is kept; a code is one short line.
  private static CompletableFuture<String> drain(InputStream in) {
    CompletableFuture<String> result = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              int limit = 64 * 1024;
              ByteArrayOutputStream kept = new ByteArrayOutputStream();
              byte[] chunk = new byte[8192];
              try (in) {
                for (int n; (n = in.read(chunk)) >= 0; ) {
                  kept.write(chunk, 0, Math.min(n, Math.max(0, limit - kept.size())));
                }
                result.complete(kept.toString(StandardCharsets.UTF_8));
              } catch (IOException e) {
                result.completeExceptionally(e);
              }
            },
            "otp-command-stdout");
    reader.setDaemon(true);
    reader.start();
    return result;
  }

  // Descendants first, while they are still ours to find: once the parent dies they are
  // re-parented and out of reach, and a wrapper script's child would live on.
  private static void killTree(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
