package dev.loginharness.demo;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parameters of a query string or an {@code application/x-www-form-urlencoded} body.
 *
 * <p>Two OAuth rules are built in: a parameter sent without a value counts as omitted (RFC 6749
 * 3.1), and a parameter may appear at most once — asking for a repeated one fails, because a server
 * that silently picks "the first" is how parameter-pollution attacks work.
 */
final class Params {
  private final Map<String, List<String>> values;

  private Params(Map<String, List<String>> values) {
    this.values = values;
  }

  /** Parses a raw (still percent-encoded) query string or form body; null means empty. */
  static Params parse(String raw) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    if (raw != null && !raw.isEmpty()) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        if (!name.isEmpty() && !value.isEmpty()) {
          values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
      }
    }
    return new Params(values);
  }

  /** The parameter's value, empty if absent; fails if it was sent more than once. */
  Optional<String> optional(String name) {
    List<String> found = values.getOrDefault(name, List.of());
    if (found.size() > 1) {
      throw new InvalidParameter("parameter '" + name + "' must not be repeated");
    }
    return found.stream().findFirst();
  }

  /** True if the parameter was sent with a value, once or more. */
  boolean has(String name) {
    return values.containsKey(name);
  }

  /** The parameter's value; fails if it is missing, empty or repeated. */
  String required(String name) {
    return optional(name)
        .orElseThrow(() -> new InvalidParameter("missing parameter '" + name + "'"));
  }

  /** Appends the parameters to a URI, respecting a query it may already have. */
  static String appendQuery(String uri, Map<String, String> params) {
    StringBuilder result = new StringBuilder(uri);
    char separator = uri.indexOf('?') >= 0 ? '&' : '?';
    for (Map.Entry<String, String> param : params.entrySet()) {
      result
          .append(separator)
          .append(encode(param.getKey()))
          .append('=')
          .append(encode(param.getValue()));
      separator = '&';
    }
    return result.toString();
  }

  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new InvalidParameter("malformed percent-encoding in request");
    }
  }

  /** A parameter is missing, repeated or undecodable. The message names it but never its value. */
  static final class InvalidParameter extends RuntimeException {
    InvalidParameter(String message) {
      super(message, null, false, false);
    }
  }
}
