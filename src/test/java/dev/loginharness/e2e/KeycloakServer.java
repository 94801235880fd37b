package dev.loginharness.e2e;

import dev.loginharness.testing.Loopback;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real Keycloak, started once per test JVM on 127.0.0.1 with the {@code harness} realm ({@code
 * src/test/resources/keycloak/harness-realm.json}) imported: conformance against a widely deployed
 * authorization server we did not write, with its own login pages, PKCE rules and OTP.
 *
 * <p>The distribution is the {@code keycloak-quarkus-dist} zip that Maven unpacks into {@code
 * target/keycloak} (system property {@code keycloak.home}); nothing is downloaded at test time.
 * Each start runs in a fresh copy of it, so the dev-mode H2 database starts empty and the realm is
 * imported anew, and a concurrent test run cannot share our database or files.
 *
 * <p>When Keycloak cannot start, {@link #shared()} throws with the tail of Keycloak's log: the
 * tests fail rather than skip, and every later caller fails at once with the same message.
 *
 * <p>{@link #main} runs the same Keycloak for {@code scripts/bench}, with an administrator added.
 */
final class KeycloakServer {
  static final String REALM = "harness";
  static final String PUBLIC_CLIENT = "harness-public";
  static final String CONFIDENTIAL_CLIENT = "harness-confidential";
  static final String CONFIDENTIAL_SECRET = "harness-confidential-secret";
  static final String ALICE = "alice";
  static final String ALICE_PASSWORD = "alice-password-1";
  static final String BOB = "bob";
  static final String BOB_PASSWORD = "bob-password-1";

  /**
   * Bob's TOTP key as an authenticator app is given it: Keycloak keys the HMAC with the UTF-8 bytes
   * of the stored secret ("harness-bob-totp-key" in the realm file), shown as their Base32.
   */
  static final String BOB_TOTP_BASE32 = "NBQXE3TFONZS2YTPMIWXI33UOAWWWZLZ";

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(240);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  /** Keycloak supports running on Java 21 and later; Java 17 still works but is deprecated. */
  private static final int PREFERRED_JAVA = 21;

  private static KeycloakServer shared;
  private static IllegalStateException failure;

  private final Process process;
  private final int port;
  private final Path runDir;
  private final Path log;
  private long startupMillis;

  private KeycloakServer(Process process, int port, Path runDir, Path log) {
    this.process = process;
    this.port = port;
    this.runDir = runDir;
    this.log = log;
  }

  /** The one Keycloak of this JVM, started on first use and stopped when the JVM exits. */
  static synchronized KeycloakServer shared() {
    if (failure != null) {
      throw new IllegalStateException(failure.getMessage(), failure);
    }
    if (shared == null) {
      try {
        shared = start(Map.of());
      } catch (IOException | RuntimeException e) {
        failure =
            e instanceof IllegalStateException
                ? (IllegalStateException) e
                : new IllegalStateException("Keycloak could not be started: " + e, e);
        throw failure;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting Keycloak", e);
      }
    }
    return shared;
  }

  /** {@code http://127.0.0.1:port}. */
  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  String issuer() {
    return baseUrl() + "/realms/" + REALM;
  }

  /** From the start of copying the distribution to the realm's discovery document answering. */
  long startupMillis() {
    return startupMillis;
  }

  /**
   * For {@code scripts/bench}: starts one Keycloak as the tests do, with a bootstrap administrator
   * in the master realm (a random password, for the admin API: the bench turns on login events and
   * reads them), prints one JSON line of what a client needs, and stops Keycloak when standard
   * input ends (or this JVM is stopped). Run from the test classes, with {@code keycloak.home} set.
   */
  public static void main(String[] args) throws Exception {
    String admin = "bench-admin";
    String adminPassword = UUID.randomUUID().toString();
    KeycloakServer server =
        start(
            Map.of(
                "KC_BOOTSTRAP_ADMIN_USERNAME", admin,
                "KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword));
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("issuer", server.issuer());
    fields.put("baseUrl", server.baseUrl());
    fields.put("realm", REALM);
    fields.put("publicClient", PUBLIC_CLIENT);
    fields.put("user", ALICE);
    fields.put("password", ALICE_PASSWORD);
    fields.put("admin", admin);
    fields.put("adminPassword", adminPassword);
    fields.put("startupMillis", String.valueOf(server.startupMillis()));
    fields.put("log", server.log.toString());
    // By hand: the bench runs this class from the test classes alone, without Jackson.
    System.out.println(
        fields.entrySet().stream()
            .map(e -> jsonString(e.getKey()) + ":" + jsonString(e.getValue()))
            .collect(Collectors.joining(",", "{", "}")));
    System.out.flush();
    try {
      System.in.transferTo(OutputStream.nullOutputStream());
    } finally {
      server.stop();
    }
  }

  private static String jsonString(String value) {
    return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  /** Starts a fresh copy, with {@code extraEnv} added to Keycloak's environment. */
  private static KeycloakServer start(Map<String, String> extraEnv)
      throws IOException, InterruptedException {
    long started = System.nanoTime();
    Path dist = distribution();
    Path java = javaHome();
    // Keycloak rebuilds itself for dev mode (Quarkus augmentation, about half of a first start)
    // into lib/quarkus. An earlier run's build (classes it generated, so kept per Java version) is
    // reused: Keycloak checks it against the options it is started with and rebuilds if they
    // differ, so a stale one costs time, not correctness.
    Path build = dist.resolveSibling(dist.getFileName() + "-dev-build-java" + featureVersion(java));
    Path runDir = Files.createTempDirectory(dist.getParent(), "run-");
    Path home = runDir.resolve("home");
    copyTree(dist, home);
    if (Files.isDirectory(build)) {
      deleteTree(home.resolve("lib/quarkus"));
      copyTree(build, home.resolve("lib/quarkus"));
    }
    Path imports = Files.createDirectories(home.resolve("data/import"));
    try (InputStream realm =
        KeycloakServer.class.getResourceAsStream("/keycloak/harness-realm.json")) {
      Files.copy(
          Objects.requireNonNull(realm, "harness-realm.json not on the test classpath"),
          imports.resolve("harness-realm.json"));
    }

    int port = Loopback.freePort();
    Path log = runDir.resolve("keycloak.log");
    ProcessBuilder builder =
        new ProcessBuilder(
                home.resolve("bin/kc.sh").toString(),
                "start-dev",
                "--import-realm",
                "--http-host=127.0.0.1",
                "--http-port=" + port,
                // The issuer stays 127.0.0.1 whichever Host a browser or client calls it by.
                "--hostname=http://127.0.0.1:" + port)
            .directory(home.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    // Nothing from our environment: KC_*, QUARKUS_*, JAVA_OPTS or DEBUG would reconfigure it.
    Map<String, String> env = builder.environment();
    env.clear();
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("JAVA_HOME", java.toString());
    env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
    env.putAll(extraEnv);
    KeycloakServer server = new KeycloakServer(builder.start(), port, runDir, log);
    // At once: a test run ended while Keycloak is still starting must not leave it running.
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "keycloak-stop"));
    try {
      server.awaitReady();
    } catch (IOException | RuntimeException | InterruptedException | Error e) {
      server.stop();
      throw e;
    }
    server.startupMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    if (!Files.isDirectory(build)) {
      saveBuild(home.resolve("lib/quarkus"), build);
    }
    return server;
  }

  private void awaitReady() throws IOException, InterruptedException {
    new ServerProcess("Keycloak", process, log)
        .awaitReady(
            URI.create(issuer() + "/.well-known/openid-configuration"),
            response -> response.statusCode() == 200,
            READY_TIMEOUT,
            Duration.ofMillis(500));
  }

  /**
   * Stops kc.sh and the Keycloak JVM below it (which kc.sh may or may not have exec'd into), then
   * deletes the copy; the log stays next to it in target/keycloak.
   */
  private void stop() {
    List<ProcessHandle> tree =
        Stream.concat(process.descendants(), Stream.of(process.toHandle()))
            .collect(Collectors.toList());
    tree.forEach(ProcessHandle::destroy);
    for (ProcessHandle p : tree) {
      try {
        p.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException | ExecutionException e) {
        p.destroyForcibly();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        tree.forEach(ProcessHandle::destroyForcibly);
        return;
      }
    }
    try {
      deleteTree(runDir.resolve("home"));
    } catch (IOException | UncheckedIOException e) {
      // a leftover copy in target/ goes with the next mvn clean
    }
  }

  /** keycloak.home as Maven sets it, else what Maven unpacked (a run from an IDE). */
  private static Path distribution() throws IOException {
    String configured = System.getProperty("keycloak.home");
    Path dist;
    if (configured != null) {
      dist = Path.of(configured);
    } else {
      Path unpacked = Path.of("target", "keycloak");
      try (Stream<Path> dirs =
          Files.isDirectory(unpacked) ? Files.list(unpacked) : Stream.empty()) {
        dist =
            dirs.filter(p -> p.getFileName().toString().matches("keycloak-[0-9.]+"))
                .findFirst()
                .orElse(unpacked.resolve("keycloak-*"));
      }
    }
    if (!Files.isExecutable(dist.resolve("bin/kc.sh"))) {
      throw new IllegalStateException(
          "No Keycloak distribution at "
              + dist.toAbsolutePath()
              + ": Maven unpacks it in generate-test-resources (run `mvn test-compile` or the tests"
              + " through Maven)");
    }
    return dist.toAbsolutePath();
  }

  /**
   * The JDK to run Keycloak on: this JVM if it is recent enough, else the newest installed one that
   * is, else this JVM anyway (Keycloak 26 still runs on 17).
   */
  private static Path javaHome() throws IOException {
    Path running = Path.of(System.getProperty("java.home"));
    Path installed = Path.of("/usr/lib/jvm");
    if (Runtime.version().feature() >= PREFERRED_JAVA || !Files.isDirectory(installed)) {
      return running;
    }
    try (Stream<Path> jdks = Files.list(installed)) {
      return jdks.filter(jdk -> Files.isExecutable(jdk.resolve("bin/java")))
          .filter(jdk -> featureVersion(jdk) >= PREFERRED_JAVA)
          .max(Comparator.comparingInt(KeycloakServer::featureVersion))
          .orElse(running);
    }
  }

  /** The major version in the JDK's release file ({@code JAVA_VERSION="25.0.3"}), or 0. */
  private static int featureVersion(Path jdk) {
    try (Stream<String> lines = Files.lines(jdk.resolve("release"))) {
      return lines
          .filter(line -> line.startsWith("JAVA_VERSION="))
          .map(line -> line.replaceAll("JAVA_VERSION=\"?(1\\.)?(\\d+).*", "$2"))
          .mapToInt(Integer::parseInt)
          .findFirst()
          .orElse(0);
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
  }

  /**
   * Publishes the augmented build whole or not at all, as a concurrent run may be reading it. Not
   * saving it only costs the next run time, so this never fails the start.
   */
  private static void saveBuild(Path quarkus, Path build) {
    try {
      Path staging = Files.createTempDirectory(build.getParent(), build.getFileName() + "-");
      try {
        copyTree(quarkus, staging);
        Files.move(staging, build, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        deleteTree(staging);
      }
    } catch (IOException | UncheckedIOException anotherRunSavedItFirst) {
      // or the disk is full; the next run augments again
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(file);
      }
    }
  }
}
