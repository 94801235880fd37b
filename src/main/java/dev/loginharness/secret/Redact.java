package dev.loginharness.secret;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes OAuth secrets from text that is about to be shown: URLs with {@code code=}, fragments
 * with {@code access_token=}, and any value the caller knows to be secret.
 */
public final class Redact {
  /** Parameter names whose values are secrets wherever they appear in a query or fragment. */
  private static final Set<String> SECRET_PARAMS =
      Set.of(
          "code",
          "state",
          "code_verifier",
          "access_token",
          "refresh_token",
          "id_token",
          "client_secret",
          "password",
          "token",
          "assertion");

  private static final Pattern PARAM =
      Pattern.compile("([?&#;]|^)([A-Za-z_]+)=(<redacted>|[^&#\\s\"'<>]*)");

  /** A JSON string value: after a colon, to its closing quote or, in a cut-off body, the end. */
  private static final Pattern JSON_STRING_VALUE =
      Pattern.compile(":\\s*\"[^\"\\\\]*+(?:\\\\.[^\"\\\\]*+)*+(?:\"|\\\\?$)");

  /** A secret field written as {@code name: value} or {@code "name" = value}, quoted or not. */
  private static final Pattern SECRET_FIELD =
      Pattern.compile(
          "(?i)([\"']?(?<![A-Za-z0-9_])(?:"
              + String.join("|", SECRET_PARAMS)
              + ")[\"']?\\s*[:=]\\s*)(?![\"']?<redacted>)(?:\"[^\"]*\"?|'[^']*'?|[^\\s,;&}<\"']+)");

  private Redact() {}

  /**
   * {@code https://x/cb?code=abc&state=def&via=login} → {@code
   * https://x/cb?code=<redacted>&state=<redacted>&via=login}.
   */
  public static String url(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = PARAM.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(2);
      String replacement =
          SECRET_PARAMS.contains(name.toLowerCase(java.util.Locale.ROOT))
              ? m.group(1) + name + "=<redacted>"
              : m.group(0);
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * A response body about to be quoted in a message: URLs as {@link #url} does, every JSON string
   * value (a token response cut off before its closing quote included), and every secret field
   * however it is written ({@code access_token: abc}, {@code 'code'='abc'}). What is left is the
   * shape of the answer, never what it carried.
   */
  public static String body(String text) {
    if (text == null) {
      return null;
    }
    String result = JSON_STRING_VALUE.matcher(url(text)).replaceAll(":\"<redacted>\"");
    return SECRET_FIELD.matcher(result).replaceAll("$1<redacted>");
  }

  /** Redacts URLs as {@link #url} does, then every occurrence of each known secret value. */
  public static String text(String text, Iterable<Secret> known) {
    String result = url(text);
    if (result == null) {
      return null;
    }
    for (Secret s : known) {
      if (s != null && s.reveal().length() >= 4) {
        result = result.replace(s.reveal(), "<redacted>");
      }
    }
    return result;
  }
}
