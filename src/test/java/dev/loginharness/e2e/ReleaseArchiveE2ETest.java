package dev.loginharness.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.loginharness.demo.DemoProvider;
import dev.loginharness.testing.Loopback;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive as a user installs it (README, "Install"): target/login-harness-*.tar.gz
 * (built by {@code mvn package}) extracted into a temporary directory, its bin/login-harness linked
 * into a temporary PATH directory, and run by name from another directory: a demo login, a login
 * against a demo provider on loopback, and a cached {@code token}. A {@code mvn} first on PATH
 * fails loudly, so a script that tried to build anything would fail the test.
 */
@Tag("e2e")
class ReleaseArchiveE2ETest extends DemoProviderE2E {
  private static final String PASSWORD = "release-Heron-4417-pw";
  private static final String TOKEN = "[A-Za-z0-9_-]{20,}";

  @TempDir Path dir;

  @Test
  void extractedAndLinkedOnPathItLogsInAndServesTheCachedTokenFromAnyDirectory() throws Exception {
    Path home = extract(releaseArchive(), Files.createDirectory(dir.resolve("install")));
    Path bin = Files.createDirectory(dir.resolve("bin"));
    Files.createSymbolicLink(bin.resolve("login-harness"), home.resolve("bin/login-harness"));
    Path mvnRan = dir.resolve("mvn-ran");
    Path fakeMvn = bin.resolve("mvn");
    Files.writeString(
        fakeMvn,
        "#!/bin/sh\necho \"mvn $*\" >'" + mvnRan + "'\necho 'the release ran mvn' >&2\nexit 97\n");
    fakeMvn.toFile().setExecutable(true);
    Path cache = dir.resolve("cache");
    Map<String, String> env = new HashMap<>(System.getenv());
    env.keySet().removeIf(k -> k.startsWith("LOGIN_HARNESS_") || k.equals("JAVA_TOOL_OPTIONS"));
    env.put("PATH", bin + ":/usr/bin:/bin");
    env.put("XDG_CACHE_HOME", cache.toString());
    env.put("LOGIN_HARNESS_STORE", dir.resolve("store").toString());
    env.put("LH_PASS", PASSWORD);
    Path work = Files.createDirectory(dir.resolve("work"));

    Run demo = run(work, env, "demo", "--format", "token");
    assertEquals(0, demo.exit, demo.err);
    assertTrue(demo.out.matches(TOKEN + "\n"), "stdout: " + demo.out);

    Path profile = profile();
    String loginArgs = "login --provider %s --headless --username alice --password-env LH_PASS";
    Run login = run(work, env, (loginArgs.formatted(profile) + " --format token").split(" "));
    assertEquals(0, login.exit, login.err);
    assertTrue(login.out.matches(TOKEN + "\n"), "stdout: " + login.out);
    TokenAssertions.belongsTo(provider.userinfoEndpoint(), login.out.strip(), "alice");
    // Logins run on a JDK 25 where one is installed: none of its warnings (restricted methods,
    // sun.misc.Unsafe) may show.
    assertFalse((demo.err + login.err).contains("WARNING"), demo.err + login.err);

    Run token = run(work, env, "token", "--provider", profile.toString());
    assertEquals(0, token.exit, token.err);
    assertEquals(login.out, token.out, "the cached token");
    assertEquals("", token.err, "no JVM warning, no message");
    TokenAssertions.belongsTo(provider.userinfoEndpoint(), token.out.strip(), "alice");
    assertEquals(1, provider.redemptions().size(), "one login, the token from the store");

    assertFalse(Files.exists(mvnRan), () -> "the release ran " + read(mvnRan));
    Path archives = cache.resolve("login-harness").resolve(version(home));
    assertEquals(
        "rwx------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(archives)),
        archives.toString());
    assertTrue(startUpArchive(archives, "login-").toFile().length() > 0, "login archive");
    assertTrue(startUpArchive(archives, "token-").toFile().length() > 0, "token archive");
    Run tuned = run(work, env, "token", "--provider", profile.toString());
    assertEquals(0, tuned.exit, tuned.err);
    assertEquals(login.out, tuned.out);
    assertEquals("", tuned.err);
  }

  /** The newest release archive in target/, or a failure saying how to build it. */
  private static Path releaseArchive() throws IOException {
    Path target = Path.of(System.getProperty("basedir", ".")).resolve("target");
    try (Stream<Path> files = Files.list(target)) {
      return files
          .filter(p -> p.getFileName().toString().matches("login-harness-.+\\.tar\\.gz"))
          .max(Comparator.comparing(p -> p.toFile().lastModified()))
          .orElseThrow(
              () ->
                  new AssertionError(
                      "no login-harness-*.tar.gz in "
                          + target.toAbsolutePath()
                          + "; build it first: mvn -o package -DskipTests"));
    } catch (java.nio.file.NoSuchFileException e) {
      throw new AssertionError("no " + target.toAbsolutePath() + "; run mvn -o package first", e);
    }
  }

  /** Extracts {@code archive} with tar, as a user would; returns its one top directory. */
  private static Path extract(Path archive, Path into) throws Exception {
    Process tar =
        new ProcessBuilder("tar", "xzf", archive.toString(), "-C", into.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, tar.waitFor(), "tar: " + output);
    try (Stream<Path> top = Files.list(into)) {
      List<Path> dirs = top.toList();
      assertEquals(1, dirs.size(), "one top directory in the archive: " + dirs);
      return dirs.get(0);
    }
  }

  private static String version(Path home) {
    return home.getFileName().toString().substring("login-harness-".length());
  }

  /** The one archive whose name starts with {@code prefix}; fails when its recording failed. */
  private static Path startUpArchive(Path archives, String prefix) throws IOException {
    List<String> names;
    try (Stream<Path> files = Files.list(archives)) {
      names = files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).toList();
    }
    names.stream()
        .filter(n -> n.endsWith(".log"))
        .findFirst()
        .ifPresent(log -> fail("recording " + log + " failed: " + read(archives.resolve(log))));
    List<String> done =
        names.stream().filter(n -> n.endsWith(".aot") || n.endsWith(".jsa")).toList();
    assertEquals(1, done.size(), "one " + prefix + "* archive in " + archives + ": " + names);
    return archives.resolve(done.get(0));
  }

  private record Run(int exit, String out, String err) {}

  /** Runs {@code login-harness args} by name in {@code work}, through a shell with env's PATH. */
  private static Run run(Path work, Map<String, String> env, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(List.of("/bin/sh", "-c", "exec login-harness \"$@\"", "login-harness"));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(work.getParent(), "out", ".txt");
    Path err = Files.createTempFile(work.getParent(), "err", ".txt");
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(work.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    Process process = pb.start();
    if (!process.waitFor(4, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      fail("login-harness " + String.join(" ", args) + " did not finish within 4 min");
    }
    return new Run(process.exitValue(), read(out), read(err));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(" + e + ")";
    }
  }

  /** A public client of a demo provider this test starts, with alice as its user. */
  private Path profile() throws IOException {
    String redirect = "http://127.0.0.1:" + Loopback.freePort() + "/callback";
    provider =
        DemoProvider.builder()
            .client("release-client")
            .redirectUri(redirect)
            .user("alice", PASSWORD)
            .start();
    return Files.writeString(
        dir.resolve("provider.json"),
        """
        {
          "name": "demo-release",
          "authorizationEndpoint": "%s",
          "tokenEndpoint": "%s",
          "clientId": "release-client",
          "redirectUri": "%s",
          "scopes": ["profile"]
        }
        """
            .formatted(provider.authorizationEndpoint(), provider.tokenEndpoint(), redirect));
  }
}
