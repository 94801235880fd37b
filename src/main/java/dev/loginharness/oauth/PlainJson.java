package dev.loginharness.oauth;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON values as plain Java, the form {@link TokenSet#extras()} hands out: {@code String}, {@code
 * Boolean}, a number, {@code List}, {@code Map<String, Object>} or {@code null}, deep-copied and
 * unmodifiable. Numbers take one form per value — whole numbers the smallest of {@code Integer},
 * {@code Long}, {@code BigInteger}; other numbers {@code Double} (a {@code BigDecimal} stays one) —
 * the form any JSON reader's untyped values take, so a token set reads back from a file equal to
 * the one written.
 */
final class PlainJson {
  private PlainJson() {}

  /** An unmodifiable copy that keeps the order and allows {@code null} values. */
  static Map<String, Object> copyOf(Map<String, ?> members) {
    Map<String, Object> copy = new LinkedHashMap<>();
    members.forEach(
        (name, value) -> {
          if (name == null) {
            throw new IllegalArgumentException("a JSON member needs a name");
          }
          copy.put(name, value(value, name));
        });
    return Collections.unmodifiableMap(copy);
  }

  private static Object value(Object value, String where) {
    if (value == null || value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Number number) {
      return number(number);
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach(
          (name, member) -> {
            if (!(name instanceof String key)) {
              throw new IllegalArgumentException(where + ": a JSON object's names are strings");
            }
            copy.put(key, value(member, where + "." + key));
          });
      return Collections.unmodifiableMap(copy);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      for (Object element : list) {
        copy.add(value(element, where + "[]"));
      }
      return Collections.unmodifiableList(copy);
    }
    throw new IllegalArgumentException(
        where
            + ": "
            + value.getClass().getName()
            + " is not a JSON value (String, Number, Boolean, List, Map or null)");
  }

  private static Number number(Number number) {
    if (number instanceof BigDecimal) {
      return number;
    }
    if (number instanceof Double || number instanceof Float) {
      return number.doubleValue();
    }
    BigInteger whole =
        number instanceof BigInteger big ? big : BigInteger.valueOf(number.longValue());
    if (whole.bitLength() < Integer.SIZE) {
      return whole.intValue();
    }
    return whole.bitLength() < Long.SIZE ? (Number) whole.longValue() : whole;
  }
}
