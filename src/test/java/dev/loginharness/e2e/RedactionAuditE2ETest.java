package dev.loginharness.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loginharness.demo.DemoProvider;
import dev.loginharness.demo.TokenFault;
import dev.loginharness.testing.Loopback;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 16's redaction audit: failing logins through the command line, each with a failure bundle,
 * a store, a client secret and a TOTP seed; then everything the run wrote — stdout, stderr, every
 * file of the bundle and of the store — is searched for every secret of the run and for every part
 * of one that is 12 characters long: the password, the client secret, the TOTP seed, and what the
 * provider saw (each code and token it issued, each state and PKCE verifier it was sent).
 */
@Tag("e2e")
class RedactionAuditE2ETest extends DemoProviderE2E {
  private static final String PASSWORD = "audit-Pass-Quince-8812";
  private static final String WRONG_PASSWORD = "audit-Wrong-Pass-Yarrow-3390";
  private static final String CLIENT_SECRET = "audit-Client-Secret-Heron-5521";
  private static final String TOTP_SEED = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

  /** The part of a secret that must not show anywhere, as the issue sets it. */
  private static final int PART = 12;

  @TempDir Path dir;

  /** Ways a login fails, each with its exit code. */
  enum Failure {
    WRONG_PASSWORD(3, b -> b),
    STATE_TAMPERED(3, b -> b.tamperState(true)),
    CONSENT_DENIED(3, b -> b.denyConsent(true)),
    CAPTCHA(6, b -> b.captcha(true)),
    TRUNCATED_TOKEN_RESPONSE(4, b -> b.tokenFault(TokenFault.TRUNCATED_BODY, 1)),
    HOSTILE_ERROR_TEXT(4, b -> b.tokenFault(TokenFault.HOSTILE_ERROR_TEXT, 1)),
    EXPIRED_CODES(4, b -> b.codeLifetime(Duration.ofNanos(1)));

    final int exit;
    final UnaryOperator<DemoProvider.Builder> provider;

    Failure(int exit, UnaryOperator<DemoProvider.Builder> provider) {
      this.exit = exit;
      this.provider = provider;
    }
  }

  @ParameterizedTest
  @EnumSource(Failure.class)
  void nothingWrittenHoldsASecretOfTheRun(Failure failure) throws Exception {
    String redirect = "http://127.0.0.1:" + Loopback.freePort() + "/callback";
    provider =
        failure
            .provider
            .apply(
                DemoProvider.builder()
                    .client("audit-client")
                    .clientSecret(CLIENT_SECRET)
                    .redirectUri(redirect)
                    .user("alice", PASSWORD)
                    .totpSecret(TOTP_SEED))
            .start();
    Path profile =
        Files.writeString(
            dir.resolve("audit.json"),
            """
            {"name": "audit", "authorizationEndpoint": "%s", "tokenEndpoint": "%s",
             "clientId": "audit-client", "clientSecretEnv": "LH_CLIENT_SECRET",
             "clientAuth": "basic", "redirectUri": "%s", "scopes": ["profile"]}
            """
                .formatted(provider.authorizationEndpoint(), provider.tokenEndpoint(), redirect));
    Path bundles = dir.resolve("bundles");
    Path store = dir.resolve("store");
    String password = failure == Failure.WRONG_PASSWORD ? WRONG_PASSWORD : PASSWORD;

    Cli.Run run =
        Cli.run(
            // With the stack traces and their causes on stderr, which are searched too.
            Map.of(
                "LH_PASS",
                password,
                "LH_CLIENT_SECRET",
                CLIENT_SECRET,
                "LH_TOTP",
                TOTP_SEED,
                "LOGIN_HARNESS_DEBUG",
                "1"),
            null,
            "login",
            "--provider",
            profile.toString(),
            "--headless",
            "--username",
            "alice",
            "--password-env",
            "LH_PASS",
            "--totp-secret-env",
            "LH_TOTP",
            "--store",
            store.toString(),
            "--debug-dir",
            bundles.toString(),
            "--timeout",
            "30");

    assertEquals(failure.exit, run.exit(), run.err());
    assertTrue(run.err().contains("\tat dev.loginharness."), "no stack trace: " + run.err());
    assertTrue(Files.isDirectory(bundles), "no failure bundle was written: " + run.err());
    Set<String> secrets = new LinkedHashSet<>(List.of(password, CLIENT_SECRET, TOTP_SEED));
    secrets.addAll(provider.secretsSeen());
    assertTrue(
        provider.secretsSeen().size() >= 1, "the provider saw no state: the audit would be empty");

    Map<String, String> written = new java.util.LinkedHashMap<>();
    written.put("stdout", run.out());
    written.put("stderr", run.err());
    for (Path root : List.of(bundles, store)) {
      if (Files.isDirectory(root)) {
        try (Stream<Path> files = Files.walk(root)) {
          for (Path file : files.filter(Files::isRegularFile).toList()) {
            // ISO-8859-1 maps every byte to one character: binary files (screenshots) are
            // searched as they are, text as its UTF-8 bytes, which for these ASCII secrets is the
            // same.
            written.put(
                dir.relativize(file).toString(),
                new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
          }
        }
      }
    }
    assertTrue(written.size() > 3, "the bundle holds no files: " + written.keySet());

    List<String> leaks = new ArrayList<>();
    for (String secret : secrets) {
      for (String part : parts(secret)) {
        written.forEach(
            (where, text) -> {
              if (text.contains(part)) {
                leaks.add(where + " holds '" + part + "', part of a secret of the run");
              }
            });
      }
    }
    assertEquals(List.of(), leaks);
  }

  /** Every run of {@link #PART} characters of {@code secret}; a shorter secret whole. */
  private static List<String> parts(String secret) {
    if (secret.length() <= PART) {
      return List.of(secret);
    }
    List<String> parts = new ArrayList<>();
    for (int i = 0; i + PART <= secret.length(); i++) {
      parts.add(secret.substring(i, i + PART));
    }
    return parts;
  }
}
