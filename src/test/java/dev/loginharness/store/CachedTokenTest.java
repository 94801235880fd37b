package dev.loginharness.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loginharness.oauth.TokenSet;
import dev.loginharness.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CachedTokenTest {
  private static final Instant EXPIRES = Fixtures.OBTAINED.plusSeconds(3600);

  @TempDir Path root;

  @Test
  void readsWhatTheStoreWrote() throws Exception {
    TokenStore store = TokenStore.at(root);
    store.write("p", "a", Fixtures.stored("p", "a", "access-1"));

    CachedToken token = CachedToken.read(store.pathOf("p", "a")).orElseThrow();

    assertEquals(Secret.of("access-1"), token.accessToken());
    assertEquals("Bearer", token.tokenType());
    assertEquals(Optional.of(EXPIRES), token.expiresAt());
    assertTrue(token.hasRefreshToken());
    assertEquals(Fixtures.stored("p", "a", "access-1").origin(), token.origin());
  }

  @Test
  void readsAMinimalFile() throws Exception {
    TokenStore store = TokenStore.at(root);
    TokenSet minimal =
        new TokenSet(
            Secret.of("m"),
            "Bearer",
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Map.of());
    store.write("p", "a", new StoredTokens(minimal, "p", "a", Instant.EPOCH, Optional.empty()));

    CachedToken token = CachedToken.read(store.pathOf("p", "a")).orElseThrow();

    assertEquals(
        new CachedToken(
            Secret.of("m"), "Bearer", Optional.empty(), Instant.EPOCH, false, Optional.empty()),
        token);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "garbage",
        "[]",
        "\"str\"",
        "{",
        "{\"access_token\": \"x\"",
        "{\"token_type\": \"Bearer\"}",
        "{\"access_token\": \"\"}",
        "{\"access_token\": 7}",
        "{\"access_token\": \"x\", \"expires_at\": \"soon\"}",
        "{\"access_token\": \"x\", \"expires_at\": 17}",
        "{\"access_token\": \"x\", \"format\": 2}",
        "{\"access_token\": \"x\", \"format\": \"1\"}"
      })
  void emptyOnAnythingOdd(String content) throws Exception {
    Path file = root.resolve("p").resolve("a.json");
    Fixtures.writePrivate(file, content);

    assertEquals(Optional.empty(), CachedToken.read(file), content);
  }

  @Test
  void emptyOnMissingFileOrDirectory() {
    assertEquals(Optional.empty(), CachedToken.read(root.resolve("nope.json")));
    assertEquals(Optional.empty(), CachedToken.read(root));
  }

  @Test
  void emptyOnBinaryGarbage() throws Exception {
    Path file = root.resolve("p").resolve("a.json");
    Fixtures.writePrivate(file, new byte[] {(byte) 0xff, 0, (byte) 0xfe, 0x7b, 0x22});
    assertEquals(Optional.empty(), CachedToken.read(file));
  }

  @Test
  void skipsNestedExtrasWithTheSameNames() throws Exception {
    Path file = root.resolve("p").resolve("a.json");
    Fixtures.writePrivate(
        file,
        "{\"user\": {\"access_token\": \"inner\", \"list\": [{\"expires_at\": 1}]},"
            + " \"access_token\": \"outer\", \"format\": 1}");

    assertEquals(Secret.of("outer"), CachedToken.read(file).orElseThrow().accessToken());
  }

  @Test
  void validForRespectsTheMargin() {
    CachedToken token =
        new CachedToken(
            Secret.of("x"), "Bearer", Optional.of(EXPIRES), Instant.EPOCH, true, Optional.empty());
    Duration margin = Duration.ofSeconds(60);

    assertTrue(token.validFor(margin, clockAt(EXPIRES.minusSeconds(61))));
    assertFalse(token.validFor(margin, clockAt(EXPIRES.minusSeconds(60))));
    assertFalse(token.validFor(margin, clockAt(EXPIRES.minusSeconds(30))));
    assertTrue(token.validFor(Duration.ZERO, clockAt(EXPIRES.minusNanos(1))));
    assertFalse(token.validFor(Duration.ZERO, clockAt(EXPIRES)));
    assertFalse(token.validFor(Duration.ZERO, clockAt(EXPIRES.plusSeconds(1))));
  }

  @Test
  void withoutExpiryCountsAsValid() {
    CachedToken token =
        new CachedToken(
            Secret.of("x"), "Bearer", Optional.empty(), Instant.EPOCH, false, Optional.empty());
    assertTrue(token.validFor(Duration.ofHours(1), clockAt(Instant.MAX.minusSeconds(7200))));
  }

  @Test
  void toStringHidesTheToken() {
    assertFalse(
        new CachedToken(
                Secret.of("s3cr3t"),
                "Bearer",
                Optional.empty(),
                Instant.EPOCH,
                false,
                Optional.empty())
            .toString()
            .contains("s3cr3t"));
  }

  /** The reason this class exists: the hot path must not pay for databind. */
  @Test
  void hotPathLoadsNoDatabindClass() throws Exception {
    TokenStore.at(root).write("p", "a", Fixtures.stored("p", "a", "access-1"));

    Process probe =
        ChildJvm.start(
            List.of("-Xlog:class+load=info"), LeanReadProbe.class, root.toString(), "p", "a");
    byte[] out = probe.getInputStream().readAllBytes();
    assertTrue(probe.waitFor(30, TimeUnit.SECONDS));
    String log = new String(out, StandardCharsets.UTF_8);

    assertEquals(0, probe.exitValue(), log);
    assertTrue(log.contains("PROBE token-length=8 expires=" + EXPIRES), log);
    assertTrue(log.contains("com.fasterxml.jackson.core.JsonFactory"), "sanity: log works");
    List<String> databind =
        log.lines().filter(l -> l.contains("com.fasterxml.jackson.databind")).toList();
    assertEquals(List.of(), databind);
    assertFalse(log.contains("dev.loginharness.store.TokenFileCodec"), "the codec stays unloaded");
  }

  private static Clock clockAt(Instant instant) {
    return Clock.fixed(instant, ZoneOffset.UTC);
  }
}
