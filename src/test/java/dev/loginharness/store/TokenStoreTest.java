package dev.loginharness.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loginharness.oauth.TokenSet;
import dev.loginharness.secret.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TokenStoreTest {
  @TempDir Path root;

  private TokenStore store() {
    return TokenStore.at(root.resolve("tokens"));
  }

  @Test
  void roundTripKeepsEveryMember() throws Exception {
    TokenStore store = store();
    StoredTokens written = Fixtures.stored("pixiv", "alice", "access-1");

    store.write("pixiv", "alice", written);

    StoredTokens read = store.read("pixiv", "alice").orElseThrow();
    assertEquals(written, read);
    assertEquals(Fixtures.OBTAINED.plusSeconds(3600), read.tokens().expiresAt().orElseThrow());
    assertEquals(Fixtures.fullTokenSet("access-1").extras(), read.tokens().extras());
  }

  @Test
  void roundTripOfMinimalTokens() throws Exception {
    TokenStore store = store();
    TokenSet minimal =
        new TokenSet(
            Secret.of("a"),
            "mac",
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Map.of());
    StoredTokens written =
        new StoredTokens(minimal, "p", "a", Instant.ofEpochSecond(1), Optional.empty());

    store.write("p", "a", written);

    assertEquals(Optional.of(written), store.read("p", "a"));
  }

  @Test
  void fileIsTheLoginJsonPlusStoreMembers() throws Exception {
    TokenStore store = store();
    store.write("pixiv", "alice", Fixtures.stored("pixiv", "alice", "access-1"));

    JsonNode json = new ObjectMapper().readTree(store.pathOf("pixiv", "alice").toFile());

    assertEquals("access-1", json.get("access_token").asText());
    assertEquals("Bearer", json.get("token_type").asText());
    assertEquals(3600, json.get("expires_in").asLong());
    assertEquals("refresh-access-1", json.get("refresh_token").asText());
    assertEquals("read write", json.get("scope").asText());
    assertEquals("2025-06-01T11:00:00.123456789Z", json.get("expires_at").asText());
    assertEquals(123, json.get("user").get("id").asInt());
    assertEquals("eyJ.id.token", json.get("id_token").asText());
    assertEquals("2025-06-01T10:00:00.123456789Z", json.get("obtained_at").asText());
    assertEquals("pixiv", json.get("provider").asText());
    assertEquals("alice", json.get("account").asText());
    assertEquals(1, json.get("format").asInt());
    assertEquals("theirs", json.get("colliding_extras").get("provider").asText());
  }

  @Test
  void createsPrivateDirectoriesAndFile() throws Exception {
    Path dir = root.resolve("a/b/tokens");
    TokenStore store = TokenStore.at(dir);

    store.write("pixiv", "alice", Fixtures.stored("pixiv", "alice", "x"));

    for (Path created :
        List.of(root.resolve("a"), root.resolve("a/b"), dir, dir.resolve("pixiv"))) {
      assertEquals("rwx------", permissions(created), created.toString());
    }
    assertEquals("rw-------", permissions(store.pathOf("pixiv", "alice")));
  }

  @Test
  void replacingKeepsThePermissions() throws Exception {
    TokenStore store = store();
    store.write("p", "a", Fixtures.stored("p", "a", "one"));
    store.write("p", "a", Fixtures.stored("p", "a", "two"));

    assertEquals("rw-------", permissions(store.pathOf("p", "a")));
    assertEquals("two", store.read("p", "a").orElseThrow().tokens().accessToken().reveal());
  }

  @Test
  void interruptedWriteLeavesThePreviousFile() throws Exception {
    TokenStore store = store();
    store.write("p", "a", Fixtures.stored("p", "a", "old"));
    Path file = store.pathOf("p", "a");
    // What a crash between "write the temp file" and "rename it" leaves behind.
    Path temp = file.resolveSibling(".a.json.12345.tmp");
    Files.writeString(temp, "{\"access_token\": \"ne");

    assertEquals("old", store.read("p", "a").orElseThrow().tokens().accessToken().reveal());
    assertEquals("old", CachedToken.read(file).orElseThrow().accessToken().reveal());
  }

  @Test
  void writeRemovesStaleTempFilesOnly() throws Exception {
    TokenStore store = store();
    store.write("p", "a", Fixtures.stored("p", "a", "old"));
    Path file = store.pathOf("p", "a");
    Path stale = file.resolveSibling(".a.json.111.tmp");
    Path fresh = file.resolveSibling(".a.json.222.tmp");
    Files.writeString(stale, "{\"access");
    Files.writeString(fresh, "{\"access");
    Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minusSeconds(120)));

    store.write("p", "a", Fixtures.stored("p", "a", "new"));

    assertFalse(Files.exists(stale));
    assertTrue(Files.exists(fresh), "may belong to a write in progress");
    assertEquals("new", store.read("p", "a").orElseThrow().tokens().accessToken().reveal());
    try (Stream<Path> files = Files.list(file.getParent())) {
      assertEquals(
          List.of(".a.json.222.tmp", "a.json"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not json at all",
        "[1, 2]",
        "{\"token_type\": \"Bearer\"}",
        "{\"access_token\": 42}",
        "{\"access_token\": \"x\", \"expires_at\": \"tomorrow\"}",
        ""
      })
  void corruptFileIsKeptAsideAndReported(String content) throws Exception {
    TokenStore store = store();
    Path file = store.pathOf("p", "a");
    Fixtures.writePrivate(file, content);

    StoreException e = assertThrows(StoreException.class, () -> store.read("p", "a"));

    assertFalse(Files.exists(file));
    Path aside;
    try (Stream<Path> files = Files.list(file.getParent())) {
      aside =
          files
              .filter(p -> p.getFileName().toString().matches("a\\.json\\.corrupt-\\d+"))
              .findFirst()
              .orElseThrow();
    }
    assertEquals(content, Files.readString(aside));
    assertTrue(
        e.getMessage().startsWith("token store file " + file + " is corrupt"), e.getMessage());
    assertTrue(e.getMessage().endsWith("kept as " + aside), e.getMessage());

    assertEquals(Optional.empty(), store.read("p", "a"));
    store.write("p", "a", Fixtures.stored("p", "a", "fresh"));
    assertEquals("fresh", store.read("p", "a").orElseThrow().tokens().accessToken().reveal());
  }

  @Test
  void corruptMessageNeverQuotesTheContent() throws Exception {
    TokenStore store = store();
    Path file = store.pathOf("p", "a");
    Fixtures.writePrivate(file, "eyJsecretTokenValue");

    StoreException e = assertThrows(StoreException.class, () -> store.read("p", "a"));

    assertFalse(e.getMessage().contains("eyJ"), e.getMessage());
  }

  @Test
  void fileFromANewerVersionIsReportedButLeftAlone() throws Exception {
    TokenStore store = store();
    Path file = store.pathOf("p", "a");
    Fixtures.writePrivate(file, "{\"access_token\": \"x\", \"format\": 2}");

    StoreException e = assertThrows(StoreException.class, () -> store.read("p", "a"));

    assertTrue(e.getMessage().contains("newer login-harness"), e.getMessage());
    assertTrue(Files.exists(file));
  }

  @Test
  void handWrittenFileWithoutStoreMembersIsRead() throws Exception {
    TokenStore store = store();
    Path file = store.pathOf("p", "a");
    Fixtures.writePrivate(file, "{\"access_token\": \"x\", \"expires_in\": 60}");
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2025-01-01T00:00:00Z")));

    StoredTokens read = store.read("p", "a").orElseThrow();

    assertEquals("x", read.tokens().accessToken().reveal());
    assertEquals("Bearer", read.tokens().tokenType());
    assertEquals(Optional.of(60L), read.tokens().expiresIn());
    assertEquals(Instant.parse("2025-01-01T00:00:00Z"), read.obtainedAt());
  }

  @Test
  void missingFileReadsAsEmpty() throws Exception {
    assertEquals(Optional.empty(), store().read("p", "a"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "../x",
        "a/b",
        "",
        ".hidden",
        "..",
        "a\\b",
        "sp ace",
        "é",
        "x1234567890123456789012345678901234567890123456789012345678901234"
      })
  void rejectsBadNames(String bad) throws Exception {
    TokenStore store = store();
    StoredTokens tokens = Fixtures.stored(bad, bad, "x");

    for (TokenStore s : List.of(store, TokenStore.none())) {
      StoreException e = assertThrows(StoreException.class, () -> s.pathOf(bad, "ok"));
      assertTrue(e.getMessage().contains("invalid provider name \"" + bad + "\""), e.getMessage());
      e = assertThrows(StoreException.class, () -> s.read("ok", bad));
      assertTrue(e.getMessage().contains("invalid account name \"" + bad + "\""), e.getMessage());
      assertThrows(StoreException.class, () -> s.write(bad, bad, tokens));
      assertThrows(StoreException.class, () -> s.delete("ok", bad));
      assertThrows(
          StoreException.class,
          () -> s.locked(bad, "ok", java.time.Duration.ofSeconds(1), () -> null));
    }
    try (Stream<Path> files = Files.list(root)) {
      assertEquals(0, files.count(), "nothing created for a bad name");
    }
  }

  @Test
  void acceptsTheWholeAlphabet() throws Exception {
    TokenStore store = store();
    String name = "Az09._-" + "x".repeat(57);
    store.write(name, name, Fixtures.stored(name, name, "x"));
    assertTrue(store.read(name, name).isPresent());
  }

  @Test
  void refusesTokensOfAnotherKey() {
    assertThrows(
        IllegalArgumentException.class,
        () -> store().write("p", "a", Fixtures.stored("p", "b", "x")));
  }

  @Test
  void deleteRemovesTheFile() throws Exception {
    TokenStore store = store();
    store.write("p", "a", Fixtures.stored("p", "a", "x"));

    assertTrue(store.delete("p", "a"));
    assertEquals(Optional.empty(), store.read("p", "a"));
    assertFalse(store.delete("p", "a"));
  }

  @Test
  void noneStoreKeepsNothing() throws Exception {
    TokenStore none = TokenStore.none();

    none.write("p", "a", Fixtures.stored("p", "a", "x"));

    assertEquals(Optional.empty(), none.read("p", "a"));
    assertFalse(none.delete("p", "a"));
    assertEquals("done", none.locked("p", "a", java.time.Duration.ofSeconds(1), () -> "done"));
    assertFalse(none.pathOf("p", "a").isAbsolute());
    assertFalse(Files.exists(none.pathOf("p", "a")));
  }

  @Test
  void defaultDirectory() {
    assertEquals(
        Path.of("/custom"),
        TokenStore.defaultDirectory(
            Map.of(
                "LOGIN_HARNESS_STORE", "/custom", "XDG_CONFIG_HOME", "/xdg", "HOME", "/home/u")));
    assertEquals(
        Path.of("/xdg/login-harness/tokens"),
        TokenStore.defaultDirectory(Map.of("XDG_CONFIG_HOME", "/xdg", "HOME", "/home/u")));
    assertEquals(
        Path.of("/home/u/.config/login-harness/tokens"),
        TokenStore.defaultDirectory(Map.of("HOME", "/home/u")));
    assertEquals(
        Path.of("/home/u/.config/login-harness/tokens"),
        TokenStore.defaultDirectory(
            Map.of("LOGIN_HARNESS_STORE", "", "XDG_CONFIG_HOME", "relative", "HOME", "/home/u")));
  }

  @Test
  void storeExceptionMessagesNeverContainTokens() throws Exception {
    Path blocker = root.resolve("tokens");
    Files.writeString(blocker, "a file where the directory should be");
    TokenStore store = TokenStore.at(blocker);

    StoreException e =
        assertThrows(
            StoreException.class,
            () -> store.write("p", "a", Fixtures.stored("p", "a", "SECRET-ACCESS")));

    assertTrue(e.getMessage().startsWith("could not write token store file "), e.getMessage());
    assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
  }

  /**
   * Issue 16, row 5: a token file others can read is refused as ssh refuses such a key, with the
   * command that fixes it — and left as it was, since only the user can tell whether to revoke.
   */
  @Test
  void aTokenFileOthersCanReadIsRefusedNotRepaired() throws Exception {
    TokenStore store = store();
    store.write("p", "a", Fixtures.stored("p", "a", "SECRET-ACCESS"));
    Path file = store.pathOf("p", "a");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    StoreException e = assertThrows(StoreException.class, () -> store.read("p", "a"));

    assertEquals(
        "token store file "
            + file
            + " can be read by others (mode 0644), so its tokens may have been; fix with: chmod"
            + " 600 "
            + file
            + " (and revoke the tokens if someone else may have read them)",
        e.getMessage());
    assertEquals(Optional.empty(), CachedToken.read(file), "the lean reader serves it neither");
    assertEquals("rw-r--r--", permissions(file), "not repaired behind the user's back");

    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    assertEquals(
        "SECRET-ACCESS", store.read("p", "a").orElseThrow().tokens().accessToken().reveal());
    assertTrue(CachedToken.read(file).isPresent());
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"store,rwxrwxrwx", "provider,rwxrwxrwx", "provider,rwxrwx---", "store,rwx-w----"})
  void aDirectoryOthersCanWriteIsRefusedForReadsAndWrites(String which, String mode)
      throws Exception {
    TokenStore store = store();
    store.write("p", "a", Fixtures.stored("p", "a", "x"));
    Path file = store.pathOf("p", "a");
    Path dir = which.equals("store") ? root.resolve("tokens") : file.getParent();
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(mode));

    for (Executable access :
        List.<Executable>of(
            () -> store.read("p", "a"),
            () -> store.write("p", "a", Fixtures.stored("p", "a", "y")),
            () -> store.locked("p", "a", java.time.Duration.ofSeconds(5), () -> "held"))) {
      StoreException e = assertThrows(StoreException.class, access);
      assertTrue(
          e.getMessage()
              .startsWith("token store directory " + dir + " can be written by others (mode "),
          e.getMessage());
      assertTrue(e.getMessage().endsWith("; fix with: chmod 700 " + dir), e.getMessage());
    }
    assertEquals(Optional.empty(), CachedToken.read(file));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    assertEquals(
        "x",
        store.read("p", "a").orElseThrow().tokens().accessToken().reveal(),
        "the file was not replaced");
  }

  /** As ssh accepts a 0755 ~/.ssh: others may see which accounts there are, not their tokens. */
  @Test
  void directoriesOthersCanOnlyListAreAccepted() throws Exception {
    TokenStore store = store();
    store.write("p", "a", Fixtures.stored("p", "a", "x"));
    Path file = store.pathOf("p", "a");
    Files.setPosixFilePermissions(file.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(
        root.resolve("tokens"), PosixFilePermissions.fromString("rwxr-xr-x"));

    assertEquals("x", store.read("p", "a").orElseThrow().tokens().accessToken().reveal());
    assertTrue(CachedToken.read(file).isPresent());
  }

  /** Issue 16, row 8: the mark survives a round trip, and everything else with it. */
  @Test
  void aRefusedRefreshTokenIsMarkedAndEverythingElseKept() throws Exception {
    TokenStore store = store();
    StoredTokens stored = Fixtures.stored("p", "a", "x");
    Instant refusedAt = Instant.parse("2026-01-02T03:04:05.6Z");

    store.write("p", "a", stored.refreshRefused(refusedAt));

    StoredTokens read = store.read("p", "a").orElseThrow();
    assertEquals(Optional.of(refusedAt), read.refreshRefusedAt());
    assertEquals(
        stored, new StoredTokens(read.tokens(), "p", "a", read.obtainedAt(), read.origin()));
    JsonNode json = new ObjectMapper().readTree(store.pathOf("p", "a").toFile());
    assertEquals("2026-01-02T03:04:05.600Z", json.get("refresh_refused_at").asText());
  }

  private static String permissions(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
