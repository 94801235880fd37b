package dev.loginharness.oauth;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** application/x-www-form-urlencoded, the encoding of OAuth query strings and token requests. */
final class FormEncoding {
  private FormEncoding() {}

  static String encode(Map<String, String> params) {
    StringJoiner joiner = new StringJoiner("&");
    params.forEach((k, v) -> joiner.add(enc(k) + "=" + enc(v)));
    return joiner.toString();
  }

  /**
   * Decodes a query or fragment. A repeated name keeps its first value (RFC 6749 §3.1 forbids
   * repeats).
   */
  static Map<String, String> decode(String query) {
    Map<String, String> params = new LinkedHashMap<>();
    if (query == null || query.isEmpty()) {
      return params;
    }
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = dec(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : dec(pair.substring(eq + 1));
      params.putIfAbsent(name, value);
    }
    return params;
  }

  /** Every parameter name of a query or fragment, decoded, repeats included, in order. */
  static List<String> names(String query) {
    List<String> names = new ArrayList<>();
    if (query == null || query.isEmpty()) {
      return names;
    }
    for (String pair : query.split("&")) {
      if (!pair.isEmpty()) {
        int eq = pair.indexOf('=');
        names.add(dec(eq < 0 ? pair : pair.substring(0, eq)));
      }
    }
    return names;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String dec(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return s;
    }
  }
}
