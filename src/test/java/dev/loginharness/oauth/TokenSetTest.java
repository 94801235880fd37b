package dev.loginharness.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loginharness.secret.Secret;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Extras are plain Java values, whatever they were made from, and cannot be changed. */
class TokenSetTest {
  private static TokenSet withExtras(Map<String, Object> extras) {
    return new TokenSet(
        Secret.of("at"),
        "Bearer",
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        extras);
  }

  @Test
  void aResponseGivesItsExtrasAsPlainValues() throws Exception {
    TokenSet tokens =
        TokenSet.fromResponse(
            new ObjectMapper()
                .readTree(
                    """
                    {"access_token": "at", "user": {"id": 42, "big": 12345678901,
                     "huge": 123456789012345678901234567890, "ratio": 0.5,
                     "tags": ["a", true, null]}, "id_token": "eyJ.x.y", "nothing": null}
                    """),
            Instant.EPOCH);

    Map<String, Object> user = new LinkedHashMap<>();
    user.put("id", 42);
    user.put("big", 12_345_678_901L);
    user.put("huge", new BigInteger("123456789012345678901234567890"));
    user.put("ratio", 0.5);
    user.put("tags", Arrays.asList("a", true, null));
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("user", user);
    expected.put("id_token", "eyJ.x.y");
    expected.put("nothing", null);
    assertEquals(expected, tokens.extras());
    assertEquals(List.of("user", "id_token", "nothing"), List.copyOf(tokens.extras().keySet()));
  }

  @Test
  void extrasAreDeepCopiesThatCannotBeChanged() {
    List<Object> tags = new ArrayList<>(List.of("a"));
    Map<String, Object> extras = new LinkedHashMap<>();
    extras.put("tags", tags);
    TokenSet tokens = withExtras(extras);
    tags.add("added later");
    extras.put("also later", 1);

    assertEquals(Map.of("tags", List.of("a")), tokens.extras());
    assertThrows(UnsupportedOperationException.class, () -> tokens.extras().put("x", 1));
    @SuppressWarnings("unchecked")
    List<Object> copied = (List<Object>) tokens.extras().get("tags");
    assertThrows(UnsupportedOperationException.class, () -> copied.add("x"));
  }

  @Test
  void numbersTakeTheFormAReaderGivesThemSoCopiesCompareEqual() {
    assertEquals(
        withExtras(Map.of("n", 7, "l", 12_345_678_901L, "d", 0.5)),
        withExtras(Map.of("n", 7L, "l", BigInteger.valueOf(12_345_678_901L), "d", 0.5f)));
  }

  @Test
  void anExtraThatIsNoJsonValueIsRefusedByName() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> withExtras(Map.of("user", Map.of("when", Instant.EPOCH))));
    assertTrue(e.getMessage().startsWith("user.when: java.time.Instant is not a JSON value"));
  }

  @Test
  void knownMembersAreNeverExtrasAndToJsonPutsExtrasLast() {
    TokenSet tokens = withExtras(Map.of("access_token", "shadow", "id_token", "eyJ"));
    assertEquals(Map.of("id_token", "eyJ"), tokens.extras());
    assertEquals(
        List.of("access_token", "token_type", "id_token"), List.copyOf(tokens.toJson().keySet()));
    assertEquals("at", tokens.toJson().get("access_token"));
  }
}
