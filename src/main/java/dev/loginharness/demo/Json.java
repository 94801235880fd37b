package dev.loginharness.demo;

import java.util.List;
import java.util.Map;

/**
 * Writes the flat JSON objects the token endpoint returns. Hand-written because the package must
 * not depend on a JSON library; the one thing that matters is correct string escaping (RFC 8259 7).
 */
final class Json {
  private Json() {}

  /**
   * A JSON object of the given fields, in iteration order. Values: String, Number, Boolean, or a
   * List of those (the discovery document's arrays).
   */
  static String object(Map<String, ?> fields) {
    StringBuilder json = new StringBuilder("{");
    for (Map.Entry<String, ?> field : fields.entrySet()) {
      if (json.length() > 1) {
        json.append(',');
      }
      quote(field.getKey(), json);
      json.append(':');
      value(field.getValue(), json);
    }
    return json.append('}').toString();
  }

  static String quote(String text) {
    StringBuilder json = new StringBuilder();
    quote(text, json);
    return json.toString();
  }

  private static void value(Object value, StringBuilder json) {
    if (value instanceof String text) {
      quote(text, json);
    } else if (value instanceof Number || value instanceof Boolean) {
      json.append(value);
    } else if (value instanceof List<?> list) {
      json.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          json.append(',');
        }
        value(list.get(i), json);
      }
      json.append(']');
    } else {
      throw new IllegalArgumentException(
          "unsupported JSON value type: " + (value == null ? "null" : value.getClass().getName()));
    }
  }

  private static void quote(String text, StringBuilder json) {
    json.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\b' -> json.append("\\b");
        case '\f' -> json.append("\\f");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          // Other control characters must be escaped; U+2028/2029 too, so the output stays
          // safe if someone pastes it into JavaScript.
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    json.append('"');
  }
}
