package dev.loginharness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The command line is a client of the public API ({@code dev.loginharness.api}) and nothing deeper:
 * a flag the library cannot express is a gap in the API, to be closed there. This reads every
 * source file of the package — import lines and fully qualified names in code alike — and lists
 * what reaches past the API.
 */
class CliDependenciesTest {
  private static final Path SOURCES = Path.of("src/main/java/dev/loginharness/cli");

  /** Project classes any cli file may name: the API, and the value types in its signatures. */
  private static final Set<String> ALLOWED_CLASSES =
      Set.of(
          "dev.loginharness.oauth.TokenSet",
          "dev.loginharness.secret.Secret",
          "dev.loginharness.provider.ProviderProfile",
          "dev.loginharness.oauth.StateBinding",
          // DriverOverrides takes the browser package's choices, not copies of them; the rest of
          // DriverSettings (its loader) stays out of reach.
          "dev.loginharness.browser.DriverSettings.Mode",
          "dev.loginharness.browser.DriverSettings.CaptureKind",
          // Main redacts every error line once more before printing it: a last safety net.
          "dev.loginharness.secret.Redact");

  private static final Set<String> ALLOWED_PACKAGES = Set.of("api", "cli");

  /** The exceptions, by file, each with its reason. */
  private static final Map<String, Set<String>> EXCEPTIONS =
      Map.of(
          // The start-up fast path of `token` reads the store (the token, and for an issuer the
          // cached discovery document) with the lean readers before picocli,
          // Jackson's databind, OkHttp or Selenium are loaded (FastTokenTest); the API would load
          // them.
          "FastToken.java",
              Set.of(
                  "dev.loginharness.store.CachedToken",
                  "dev.loginharness.store.DiscoveryCache",
                  "dev.loginharness.store.StoreNames",
                  "dev.loginharness.store.TokenOrigin",
                  "dev.loginharness.store.TokenStore"),
          // `demo` starts the embedded demo provider it logs into.
          "DemoCommand.java", Set.of("dev.loginharness.demo.*"),
          // A signal ends a login under its feet; Main then prints no error of its own, the
          // browser reaper's line is the one (SignalsE2ETest).
          "Main.java", Set.of("dev.loginharness.flow.JvmShutdown"));

  /** Libraries the command line may use itself: the JDK, picocli, Jackson for output. */
  private static final List<String> ALLOWED_LIBRARIES =
      List.of("java.", "picocli.", "com.fasterxml.jackson.");

  private static final Pattern PROJECT_NAME =
      Pattern.compile(
          "\\bdev\\.loginharness\\.([a-z0-9_]+)\\.([A-Z][A-Za-z0-9_]*(?:\\.[A-Z][A-Za-z0-9_]*)*|\\*)");
  private static final Pattern IMPORT =
      Pattern.compile("^\\s*import\\s+(static\\s+)?([\\w.]+(\\.\\*)?)\\s*;");

  @Test
  void cliUsesOnlyThePublicApi() throws IOException {
    List<String> violations = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> list = Files.list(SOURCES)) {
      files = list.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
    assertTrue(
        files.size() > 10, "the cli sources were not found under " + SOURCES.toAbsolutePath());
    for (Path file : files) {
      violations.addAll(
          violations(
              file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8)));
    }
    assertEquals(List.of(), violations);
  }

  @Test
  void catchesImportsAndQualifiedNamesPastTheApi() {
    String source =
        String.join(
            "\n",
            "package dev.loginharness.cli;",
            "import dev.loginharness.api.LoginHarness;",
            "import dev.loginharness.flow.TokenService;",
            "import dev.loginharness.browser.*;",
            "import static dev.loginharness.store.TokenStore.none;",
            "import org.openqa.selenium.WebDriver;",
            "import dev.loginharness.oauth.TokenSet;",
            "class X { Object s = dev.loginharness.store.TokenStore.none(); }");
    assertEquals(
        List.of(
            "X.java:3 dev.loginharness.flow.TokenService",
            "X.java:4 dev.loginharness.browser.*",
            "X.java:5 dev.loginharness.store.TokenStore",
            "X.java:6 org.openqa.selenium.WebDriver",
            "X.java:8 dev.loginharness.store.TokenStore"),
        violations("X.java", source));
  }

  @Test
  void aNestedTypeIsAllowedOnlyByItsOwnName() {
    String source =
        String.join(
            "\n",
            "import dev.loginharness.browser.DriverSettings.Mode;",
            "import dev.loginharness.browser.DriverSettings;",
            "class X { Object m = dev.loginharness.browser.DriverSettings.CaptureKind.AUTO; }");
    assertEquals(
        List.of("X.java:2 dev.loginharness.browser.DriverSettings"), violations("X.java", source));
  }

  @Test
  void exceptionsHoldOnlyForTheirOwnFile() {
    String source =
        "import dev.loginharness.store.CachedToken;\nimport dev.loginharness.demo.DemoProvider;";
    assertEquals(
        List.of("FastToken.java:2 dev.loginharness.demo.DemoProvider"),
        violations("FastToken.java", source));
    assertEquals(
        List.of(
            "TokenCommand.java:1 dev.loginharness.store.CachedToken",
            "TokenCommand.java:2 dev.loginharness.demo.DemoProvider"),
        violations("TokenCommand.java", source));
  }

  static List<String> violations(String fileName, String source) {
    List<String> found = new ArrayList<>();
    Set<String> exceptions = EXCEPTIONS.getOrDefault(fileName, Set.of());
    String[] lines = source.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.stripLeading().startsWith("package ")) {
        continue;
      }
      String where = fileName + ":" + (i + 1) + " ";
      Matcher imported = IMPORT.matcher(line);
      if (imported.find()) {
        String name = imported.group(2);
        if (!name.startsWith("dev.loginharness.")
            && ALLOWED_LIBRARIES.stream().noneMatch(name::startsWith)) {
          found.add(where + name);
        }
      }
      Matcher project = PROJECT_NAME.matcher(line);
      while (project.find()) {
        String pkg = project.group(1);
        String name = "dev.loginharness." + pkg + "." + project.group(2);
        if (!ALLOWED_PACKAGES.contains(pkg)
            && !within(ALLOWED_CLASSES, name)
            && !within(exceptions, name)
            && !exceptions.contains("dev.loginharness." + pkg + ".*")) {
          found.add(where + name);
        }
      }
    }
    return found;
  }

  /**
   * Whether {@code name} is in {@code names}, or the type it is nested in (or is a constant of):
   * allowing {@code a.B.C} allows {@code a.B.C.D}, never {@code a.B}.
   */
  private static boolean within(Set<String> names, String name) {
    for (String n = name; n.contains("."); n = n.substring(0, n.lastIndexOf('.'))) {
      if (names.contains(n)) {
        return true;
      }
    }
    return false;
  }
}
