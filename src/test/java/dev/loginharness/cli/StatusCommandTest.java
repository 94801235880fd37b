package dev.loginharness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loginharness.oauth.TokenSet;
import dev.loginharness.secret.Secret;
import dev.loginharness.store.StoredTokens;
import dev.loginharness.store.TokenOrigin;
import dev.loginharness.store.TokenStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code status}: every stored entry, what it is good for, and never a token. */
class StatusCommandTest {
  private static final TokenOrigin ORIGIN =
      new TokenOrigin(URI.create("https://id.example/token"), "client-42");

  @TempDir Path store;

  private record Run(int exit, String out, String err) {}

  private Run status() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Main.run(
            new PrintWriter(out),
            new PrintWriter(err),
            Map.of(),
            "status",
            "--store",
            store.toString());
    return new Run(exit, out.toString(), err.toString());
  }

  private void keep(
      String provider,
      String account,
      String secretPart,
      Optional<Instant> expiresAt,
      boolean refreshToken,
      Optional<TokenOrigin> origin,
      Optional<Instant> refused)
      throws Exception {
    TokenSet tokens =
        new TokenSet(
            Secret.of("access-" + secretPart),
            "Bearer",
            Optional.empty(),
            expiresAt,
            refreshToken ? Optional.of(Secret.of("refresh-" + secretPart)) : Optional.empty(),
            Optional.empty(),
            Map.of());
    TokenStore.at(store)
        .write(
            provider,
            account,
            new StoredTokens(tokens, provider, account, Instant.now(), origin, refused));
  }

  @Test
  void everyEntryWithItsServerClientExpiryAndRefreshNeverAToken() throws Exception {
    Instant later = Instant.now().plusSeconds(3000);
    Instant refusedAt = Instant.parse("2026-01-02T03:04:05Z");
    keep(
        "pixiv",
        "default",
        "aaaa1111",
        Optional.of(later),
        true,
        Optional.of(ORIGIN),
        Optional.empty());
    keep(
        "pixiv",
        "ci-1",
        "bbbb2222",
        Optional.of(Instant.now().minusSeconds(7200)),
        true,
        Optional.of(ORIGIN),
        Optional.of(refusedAt));
    keep(
        "deviantart",
        "bot",
        "cccc3333",
        Optional.empty(),
        false,
        Optional.empty(),
        Optional.empty());
    Files.writeString(store.resolve("pixiv").resolve("old.json.corrupt-1234"), "{");

    Run run = status();

    assertEquals(0, run.exit(), run.err());
    List<String> heads = run.out().lines().filter(l -> !l.startsWith(" ")).toList();
    assertEquals(List.of("deviantart/bot", "pixiv/ci-1", "pixiv/default"), heads);
    String pixiv = run.out().substring(run.out().indexOf("pixiv/default"));
    assertTrue(pixiv.contains("  server:      https://id.example/token"), run.out());
    assertTrue(pixiv.contains("  client:      client-42"), run.out());
    assertTrue(
        pixiv.contains(
            "  expires:     " + later.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)),
        run.out());
    assertTrue(pixiv.contains("(in 49 min)") || pixiv.contains("(in 50 min)"), run.out());
    assertTrue(pixiv.contains("  refreshable: yes"), run.out());
    String ci =
        run.out().substring(run.out().indexOf("pixiv/ci-1"), run.out().indexOf("pixiv/default"));
    assertTrue(ci.contains("(expired 2 h ago)"), ci);
    assertTrue(
        ci.contains(
            "  refreshable: no (the provider refused the refresh token at 2026-01-02T03:04:05Z)"),
        ci);
    String da = run.out().substring(0, run.out().indexOf("pixiv/ci-1"));
    assertTrue(da.contains("  server:      (not recorded)"), da);
    assertTrue(da.contains("  expires:     not said by the provider"), da);
    assertTrue(da.contains("  refreshable: no"), da);
    for (String part : List.of("aaaa1111", "bbbb2222", "cccc3333")) {
      assertFalse(run.out().contains(part), run.out());
      assertFalse(run.err().contains(part), run.err());
    }
  }

  @Test
  void aFileOthersCanReadIsShownAsUnreadableAndTheRestStill() throws Exception {
    keep(
        "pixiv",
        "default",
        "aaaa1111",
        Optional.empty(),
        true,
        Optional.of(ORIGIN),
        Optional.empty());
    keep(
        "pixiv",
        "shared",
        "dddd4444",
        Optional.empty(),
        true,
        Optional.of(ORIGIN),
        Optional.empty());
    Files.setPosixFilePermissions(
        store.resolve("pixiv").resolve("shared.json"),
        PosixFilePermissions.fromString("rw-r--r--"));

    Run run = status();

    assertEquals(0, run.exit(), run.err());
    assertTrue(run.out().contains("pixiv/default\n  server:"), run.out());
    assertTrue(run.out().contains("pixiv/shared\n  unreadable:  token store file "), run.out());
    assertTrue(run.out().contains("can be read by others"), run.out());
    assertFalse(run.out().contains("dddd4444"), run.out());
  }

  @Test
  void anEmptyStoreSaysSo() {
    Run run = status();

    assertEquals(0, run.exit(), run.err());
    assertEquals("no tokens stored in " + store, run.out().strip());
  }
}
