package dev.loginharness.store;

import dev.loginharness.oauth.TokenSet;
import dev.loginharness.secret.Secret;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/** Token sets with every member filled in, so a round trip that drops one is noticed. */
final class Fixtures {
  static final Instant OBTAINED = Instant.parse("2025-06-01T10:00:00.123456789Z");

  private Fixtures() {}

  static TokenSet fullTokenSet(String access) {
    return new TokenSet(
        Secret.of(access),
        "Bearer",
        Optional.of(3600L),
        Optional.of(OBTAINED.plusSeconds(3600)),
        Optional.of(Secret.of("refresh-" + access)),
        Optional.of("read write"),
        Map.of(
            "user",
            Map.of(
                "id",
                123,
                "name",
                "Ann",
                "tags",
                Arrays.asList(1, 2.5, true, null),
                // Read back as a Long: a number keeps its form through the file.
                "since",
                12_345_678_901L),
            "id_token",
            "eyJ.id.token",
            // Same names as the store's own members: must survive anyway.
            "provider",
            "theirs",
            "format",
            Map.of("nested", 1)));
  }

  static StoredTokens stored(String provider, String account, String access) {
    return new StoredTokens(
        fullTokenSet(access),
        provider,
        account,
        OBTAINED,
        new TokenOrigin(URI.create("https://auth.example.com/token"), "the-client"));
  }

  /**
   * A file written by hand into a store directory, private as the store requires (the store refuses
   * others' files: TokenStoreTest); parents are created as needed.
   */
  static Path writePrivate(Path file, String content) throws IOException {
    return writePrivate(file, content.getBytes(StandardCharsets.UTF_8));
  }

  static Path writePrivate(Path file, byte[] content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }
}
