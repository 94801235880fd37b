package dev.loginharness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loginharness.oauth.TokenSet;
import dev.loginharness.secret.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TokenOutputTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Instant EXPIRES_AT = Instant.parse("2024-05-01T11:00:00Z");

  private static TokenSet full(String accessToken, String refreshToken) {
    return new TokenSet(
        Secret.of(accessToken),
        "Bearer",
        Optional.of(3600L),
        Optional.of(EXPIRES_AT),
        Optional.of(Secret.of(refreshToken)),
        Optional.of("read write"),
        Map.of("user", Map.of("id", 42, "name", "alice"), "id_token", "eyJ.x.y"));
  }

  private static TokenSet accessOnly(String accessToken) {
    return new TokenSet(
        Secret.of(accessToken),
        "Bearer",
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Map.of());
  }

  @Test
  void jsonHasEveryStandardFieldExpiresAtAndExtras() throws IOException {
    JsonNode json = MAPPER.readTree(TokenOutput.JSON.render(full("at-1", "rt-1")));

    assertEquals("at-1", json.get("access_token").asText());
    assertEquals("Bearer", json.get("token_type").asText());
    assertEquals(3600, json.get("expires_in").asLong());
    assertTrue(json.get("expires_in").isNumber());
    assertEquals("rt-1", json.get("refresh_token").asText());
    assertEquals("read write", json.get("scope").asText());
    assertEquals("2024-05-01T11:00:00Z", json.get("expires_at").asText());
    assertEquals(42, json.get("user").get("id").asInt());
    assertEquals("alice", json.get("user").get("name").asText());
    assertEquals("eyJ.x.y", json.get("id_token").asText());
  }

  @Test
  void jsonOmitsAbsentOptionalFields() throws IOException {
    JsonNode json = MAPPER.readTree(TokenOutput.JSON.render(accessOnly("at-1")));

    assertEquals(List.of("access_token", "token_type"), iterableToList(json.fieldNames()));
  }

  @Test
  void jsonEscapesQuotesInsideValues() throws IOException {
    String token = "a\"b\\c";

    JsonNode json = MAPPER.readTree(TokenOutput.JSON.render(accessOnly(token)));

    assertEquals(token, json.get("access_token").asText());
  }

  @Test
  void envGivesExportLinesWithSingleQuotes() {
    String env = TokenOutput.ENV.render(full("at-1", "rt-1"));

    assertEquals(
        """
        export ACCESS_TOKEN='at-1'
        export REFRESH_TOKEN='rt-1'
        export TOKEN_EXPIRES_AT=2024-05-01T11:00:00Z""",
        env);
  }

  @Test
  void envWithOnlyAccessTokenHasOneLine() {
    assertEquals("export ACCESS_TOKEN='at-1'", TokenOutput.ENV.render(accessOnly("at-1")));
  }

  @Test
  void envQuotesSingleQuoteInToken() {
    assertEquals("export ACCESS_TOKEN='it'\\''s'", TokenOutput.ENV.render(accessOnly("it's")));
  }

  @Test
  void envOutputSurvivesARealShell() throws Exception {
    // ENV exists for `eval "$(login-harness … --format env)"`: let a real shell judge quoting.
    Path sh = Path.of("/bin/sh");
    assumeTrue(Files.isExecutable(sh), "no /bin/sh");
    // Harmless payloads only: if quoting ever breaks, they print instead of doing damage.
    String nasty = "a'b\"c $(echo INJECTED) `echo INJECTED` $HOME \\n; echo INJECTED #";
    String env = TokenOutput.ENV.render(full(nasty, "r'" + nasty));

    Process p =
        new ProcessBuilder(
                sh.toString(),
                "-c",
                "eval \"$1\"; printf '%s\\n%s' \"$ACCESS_TOKEN\" \"$REFRESH_TOKEN\"",
                "sh",
                env)
            .redirectErrorStream(true)
            .start();
    assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertEquals(0, p.exitValue(), out);
    assertEquals(nasty + "\n" + "r'" + nasty, out);
  }

  @Test
  void tokenIsTheBareAccessToken() {
    String out = TokenOutput.TOKEN.render(full("at-1", "rt-1"));

    assertEquals("at-1", out);
    assertFalse(out.contains("rt-1"));
  }

  @Test
  void headerIsAuthorizationBearer() {
    assertEquals("Authorization: Bearer at-1", TokenOutput.HEADER.render(full("at-1", "rt-1")));
  }

  private static List<String> iterableToList(java.util.Iterator<String> it) {
    List<String> list = new java.util.ArrayList<>();
    it.forEachRemaining(list::add);
    return list;
  }
}
