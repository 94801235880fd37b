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
