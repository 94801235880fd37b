package dev.loginharness.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the command line in a separate JVM, as a user's shell would. Public for the few tests
 * outside this package that need the command line too.
 */
public final class Cli {
  private Cli() {}

  public record Run(int exit, String out, String err) {}

  public static Run run(Map<String, String> env, String stdin, String... args) throws Exception {
    Process process = start(env, args);
    if (stdin != null) {
      process.getOutputStream().write(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    process.getOutputStream().close();
    return finish(process);
  }

  /** Starts the CLI without waiting, for tests that run many at once. */
  public static Process start(Map<String, String> env, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.loginharness.cli.Launcher"));
    command.addAll(List.of(args));
    Path out = Files.createTempFile("cli-out", ".txt");
    Path err = Files.createTempFile("cli-err", ".txt");
    out.toFile().deleteOnExit();
    err.toFile().deleteOnExit();
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().putAll(env);
    // Never the user's own store (~/.config/login-harness): one of this test run's unless the
    // test names one (--store, or its own LOGIN_HARNESS_STORE).
    pb.environment().putIfAbsent("LOGIN_HARNESS_STORE", RunStore.DIRECTORY.toString());
    Process process = pb.start();
    OUTPUTS.put(process, new Path[] {out, err});
    return process;
  }

  public static Run finish(Process process) throws Exception {
    process.getOutputStream().close();
    if (!process.waitFor(180, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the CLI did not finish within 180 s");
    }
    Path[] files = OUTPUTS.remove(process);
    try {
      return new Run(process.exitValue(), Files.readString(files[0]), Files.readString(files[1]));
    } finally {
      Files.deleteIfExists(files[0]);
      Files.deleteIfExists(files[1]);
    }
  }

  /** The store of the commands this test JVM runs, removed when it exits. */
  private static final class RunStore {
    static final Path DIRECTORY = create();

    private static Path create() {
      try {
        Path dir = Files.createTempDirectory("login-harness-test-store-");
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      try (var paths = Files.walk(dir)) {
                        paths
                            .sorted(java.util.Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                      } catch (java.io.IOException ignored) {
                        // a temporary directory; the system cleans it
                      }
                    }));
        return dir;
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  private static final Map<Process, Path[]> OUTPUTS =
      new java.util.concurrent.ConcurrentHashMap<>();
}
