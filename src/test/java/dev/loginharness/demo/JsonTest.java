package dev.loginharness.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void writesFieldsInOrderWithNumbersUnquoted() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("access_token", "abc");
    fields.put("expires_in", 3600L);
    assertEquals("{\"access_token\":\"abc\",\"expires_in\":3600}", Json.object(fields));
    assertEquals("{}", Json.object(Map.of()));
  }

  @Test
  void writesListsAsArrays() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("methods", List.of("S256", "a\"b"));
    fields.put("none", List.of());
    assertEquals("{\"methods\":[\"S256\",\"a\\\"b\"],\"none\":[]}", Json.object(fields));
  }

  @Test
  void escapesQuotesBackslashesAndControlCharacters() {
    assertEquals(
        "\"a\\\"b\\\\c\\nd\\te\\u0001f\\u2028é\"", Json.quote("a\"b\\c\nd\te\u0001f\u2028é"));
  }

  @Test
  void rejectsUnsupportedValues() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("x", null);
    assertThrows(IllegalArgumentException.class, () -> Json.object(fields));
  }
}
