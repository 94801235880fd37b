package dev.loginharness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code mvn test -DexcludedGroups=e2e} runs the unit tests alone, without a browser, Keycloak or a
 * Grid (docs/testing.md). That holds only while every end-to-end test class says it is one: those
 * in the {@code e2e} package and those named {@code *E2ETest}, and no others.
 */
class TestTagsTest {
  private static final Path TESTS = Path.of("src/test/java/dev/loginharness");

  @Test
  void everyEndToEndTestClassIsTaggedAndNoOtherIs() throws IOException {
    List<String> wrong;
    try (Stream<Path> files = Files.walk(TESTS)) {
      wrong =
          files
              .filter(f -> f.toString().endsWith(".java"))
              .filter(TestTagsTest::hasTests)
              .filter(f -> isEndToEnd(f) != tagged(f))
              .map(
                  f ->
                      TESTS.relativize(f)
                          + (isEndToEnd(f) ? " lacks" : " must not have")
                          + " @Tag(\"e2e\")")
              .sorted()
              .collect(Collectors.toList());
    }
    assertEquals(List.of(), wrong);
  }

  private static boolean isEndToEnd(Path file) {
    return file.getParent().getFileName().toString().equals("e2e")
        || file.getFileName().toString().endsWith("E2ETest.java");
  }

  private static boolean hasTests(Path file) {
    String source = read(file);
    return source.contains("@Test") || source.contains("@ParameterizedTest");
  }

  private static boolean tagged(Path file) {
    return read(file).contains("\n@Tag(\"e2e\")\n");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new AssertionError("cannot read " + file, e);
    }
  }
}
