package dev.loginharness.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The token store of one test run: a private temporary directory, deleted when the run ends. The
 * default, because a store that outlives the run hands the next run tokens that may belong to a
 * server that is gone — a test provider restarted on another port, a reset staging server. A run
 * that wants tokens kept across runs names a store ({@code loginharness.store}).
 */
// Both: JUnit before 5.13 closes only CloseableResource, later versions prefer AutoCloseable.
final class RunStore implements ExtensionContext.Store.CloseableResource, AutoCloseable {
  private final Path directory;

  RunStore() {
    try {
      directory = Files.createTempDirectory("login-harness-junit-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the test run's token store", e);
    }
  }

  Path directory() {
    return directory;
  }

  @Override
  public void close() throws IOException {
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path path : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(path);
      }
    }
  }
}
