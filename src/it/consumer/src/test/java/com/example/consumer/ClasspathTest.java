package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * A project that depends on login-harness gets each class once: the library jar holds only
 * login-harness's own classes and its pom brings the rest. A shaded jar as the main artifact put
 * Selenium, OkHttp, Jackson and picocli on the classpath twice, once inside it and once as its
 * dependencies, and which copy loads depends on the classpath's order.
 *
 * <p>Allowed more than once: {@code module-info.class} (each modular jar has its own) and entries
 * under {@code META-INF/versions/} (a multi-release jar's copies for newer Java versions). Every
 * other {@code .class} entry of every jar and directory on {@code java.class.path} counts.
 */
class ClasspathTest {

  @Test
  void eachClassIsOnTheTestClasspathOnce() {
    Map<String, List<String>> where = new TreeMap<>();
    List<String> entries = List.of(System.getProperty("java.class.path").split(File.pathSeparator));
    for (String entry : entries) {
      for (String name : classes(Path.of(entry))) {
        where
            .computeIfAbsent(name, n -> new ArrayList<>())
            .add(Path.of(entry).getFileName().toString());
      }
    }
    assertTrue(
        entries.stream()
            .anyMatch(e -> Path.of(e).getFileName().toString().startsWith("login-harness-")),
        "login-harness is not on the test classpath: " + entries);

    // Grouped by the set of places a class is in: one line per set, with a count and examples.
    Map<String, List<String>> byPlaces = new TreeMap<>();
    where.forEach(
        (name, places) -> {
          if (places.size() > 1) {
            byPlaces.computeIfAbsent(String.join(", ", places), p -> new ArrayList<>()).add(name);
          }
        });
    String report =
        byPlaces.entrySet().stream()
            .map(
                e ->
                    e.getValue().size()
                        + " classes in each of "
                        + e.getKey()
                        + ", e.g. "
                        + String.join(
                            ", ", e.getValue().subList(0, Math.min(3, e.getValue().size()))))
            .collect(Collectors.joining("\n  "));
    long duplicated = byPlaces.values().stream().mapToLong(List::size).sum();
    assertEquals(
        0,
        duplicated,
        duplicated
            + " of "
            + where.size()
            + " classes are on the test classpath more than once:\n  "
            + report);
  }

  /** The class entries of a jar or a directory of classes, as paths relative to its root. */
  private static List<String> classes(Path entry) {
    if (Files.isDirectory(entry)) {
      try (Stream<Path> files = Files.walk(entry)) {
        return files
            .map(f -> entry.relativize(f).toString().replace(File.separatorChar, '/'))
            .filter(ClasspathTest::counts)
            .collect(Collectors.toList());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (!Files.isRegularFile(entry)) {
      return List.of();
    }
    try (ZipFile jar = new ZipFile(entry.toFile())) {
      // A set: a jar holding the same name twice is a broken jar, not a classpath duplicate.
      return new ArrayList<>(
          jar.stream()
              .map(java.util.zip.ZipEntry::getName)
              .filter(ClasspathTest::counts)
              .collect(Collectors.toCollection(TreeSet::new)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + entry, e);
    }
  }

  private static boolean counts(String name) {
    return name.endsWith(".class")
        && !name.equals("module-info.class")
        && !name.startsWith("META-INF/versions/");
  }
}
