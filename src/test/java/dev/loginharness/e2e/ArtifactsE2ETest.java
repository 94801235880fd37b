package dev.loginharness.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jars `mvn package` makes (failsafe passes their paths): the library jar, the main artifact,
 * holds only login-harness's own classes (its pom brings the rest); the CLI jar, attached with
 * classifier {@code cli} and copied to target/login-harness.jar, runs a whole login without
 * Selenium Manager's binaries, which it leaves out.
 */
@Tag("e2e")
class ArtifactsE2ETest {
  /** The shaded jar with Selenium Manager's four binaries was 33.4 MB; without them 22.8 MB. */
  private static final long CLI_JAR_MAX_BYTES = 25_000_000;

  private static final Path CLI_JAR = jar("login-harness.cli.jar");
  private static final Path LIBRARY_JAR = jar("login-harness.library.jar");

  @TempDir Path dir;

  @Test
  void libraryJarHoldsOnlyLoginHarnessClasses() throws IOException {
    List<String> foreign;
    try (JarFile jar = new JarFile(LIBRARY_JAR.toFile())) {
      foreign = names(jar, n -> n.endsWith(".class") && !n.startsWith("dev/loginharness/"));
      assertTrue(jar.getEntry("dev/loginharness/cli/Launcher.class") != null, LIBRARY_JAR + "");
      assertTrue(jar.getEntry("dev/loginharness/browser/page-model.js") != null, LIBRARY_JAR + "");
    }
    assertEquals(List.of(), foreign);
  }

  @Test
  void cliJarHasNoSeleniumManagerBinary() throws IOException {
    List<String> manager;
    try (JarFile jar = new JarFile(CLI_JAR.toFile())) {
      manager =
          names(
              jar,
              n ->
                  n.startsWith("org/openqa/selenium/manager/")
                      && !n.endsWith("/")
                      && !n.endsWith(".class"));
      assertEquals(
          "dev.loginharness.cli.Launcher",
          jar.getManifest().getMainAttributes().getValue("Main-Class"));
      // The classes stay: Selenium's DriverFinder refers to them.
      assertTrue(jar.getEntry("org/openqa/selenium/manager/SeleniumManager.class") != null);
    }
    assertEquals(List.of(), manager);
    long size = Files.size(CLI_JAR);
    System.out.printf("%s: %,d bytes%n", CLI_JAR, size);
    assertTrue(size < CLI_JAR_MAX_BYTES, CLI_JAR + " is " + size + " bytes");
    Path attached =
        LIBRARY_JAR.resolveSibling(
            LIBRARY_JAR.getFileName().toString().replace(".jar", "-cli.jar"));
    assertEquals(Files.size(attached), size, attached + " and " + CLI_JAR + " differ");
  }

  /** No driver mode runs Selenium Manager: a whole demo login with `java -jar`, system mode. */
  @Test
  void cliJarLogsInWithoutSeleniumManager() throws Exception {
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    ProcessBuilder pb =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-jar",
                CLI_JAR.toString(),
                "demo")
            .directory(dir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    pb.environment().remove("SE_MANAGER_PATH");
    pb.environment()
        .put("LOGIN_HARNESS_DRIVERS", Path.of("drivers.properties").toAbsolutePath() + "");
    pb.environment().put("LOGIN_HARNESS_STORE", dir.resolve("store").toString());
    Process process = pb.start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("java -jar " + CLI_JAR + " demo did not finish within 120 s");
    }
    String stderr = Files.readString(err);
    assertEquals(0, process.exitValue(), stderr);
    assertTrue(Files.readString(out).contains("\"access_token\""), Files.readString(out));
  }

  private static List<String> names(JarFile jar, Predicate<String> filter) {
    return jar.stream().map(JarEntry::getName).filter(filter).collect(Collectors.toList());
  }

  private static Path jar(String property) {
    String path = System.getProperty(property);
    if (path == null) {
      throw new AssertionError(
          property + " is not set: run this class in failsafe, after package (mvn verify)");
    }
    return Path.of(path);
  }
}
