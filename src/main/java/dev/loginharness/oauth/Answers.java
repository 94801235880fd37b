package dev.loginharness.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loginharness.secret.Redact;
import java.io.IOException;
import java.util.Locale;

/**
 * Reading what an OAuth endpoint answered: JSON or not, an error or not, and text fit for one line.
 */
final class Answers {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_ERROR_TEXT = 200;

  /** No token response, revocation answer or check answer is this long; a larger one is refused. */
  static final int MAX_BODY_BYTES = 1 << 20;

  private Answers() {}

  /**
   * The body as text, read only up to {@link #MAX_BODY_BYTES}: a provider (or whatever answers in
   * its place) cannot make the client hold a body of any size in memory.
   */
  static String body(okhttp3.Response response, String what)
      throws IOException, TokenEndpointException {
    byte[] bytes = response.body().byteStream().readNBytes(MAX_BODY_BYTES + 1);
    if (bytes.length > MAX_BODY_BYTES) {
      throw new TokenEndpointException(
          response.code(),
          "invalid_response",
          what + " answered with more than " + (MAX_BODY_BYTES >> 20) + " MB; it is not read",
          null);
    }
    return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * An OAuth error body, including DeviantArt's, which can say {@code "status":"error"} with a 200
   * status.
   */
  static boolean isError(JsonNode json) {
    return json != null
        && (json.hasNonNull("error") || "error".equals(json.path("status").asText()));
  }

  /** An OAuth error code as RFC 6749 allows it (printable ASCII), and short. */
  static String printable(String code) {
    String ascii = code.replaceAll("[^\\x20-\\x7E]", "?");
    return ascii.length() > 64 ? ascii.substring(0, 64) + "…" : ascii;
  }

  static JsonNode parseJson(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException notJson) {
      return null;
    }
  }

  /**
   * Text a provider wrote (an {@code error_description}, an error page's title), made fit for a
   * one-line message on a terminal: every control or format character escaped ({@code \u001b} for
   * ESC: no escape sequence of the provider's reaches the terminal, no newline breaks the line, no
   * bidi override reorders it), and anything over {@value #MAX_ERROR_TEXT} characters cut, saying
   * how much was left out. Every piece of provider text enters a message through here.
   */
  static String quote(String text) {
    return quote(text, s -> s);
  }

  /**
   * As {@link #quote(String)}, with {@code redact} applied to the kept part before it is escaped.
   */
  private static String quote(String text, java.util.function.UnaryOperator<String> redact) {
    if (text == null) {
      return "";
    }
    int cut = text.length() > MAX_ERROR_TEXT ? MAX_ERROR_TEXT : text.length();
    if (cut < text.length() && Character.isHighSurrogate(text.charAt(cut - 1))) {
      cut--;
    }
    StringBuilder out = new StringBuilder();
    redact
        .apply(text.substring(0, cut))
        .codePoints()
        .forEach(
            c -> {
              int type = Character.getType(c);
              if (type == Character.CONTROL
                  || type == Character.FORMAT
                  || type == Character.LINE_SEPARATOR
                  || type == Character.PARAGRAPH_SEPARATOR) {
                out.append(String.format("\\u%04x", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    if (cut < text.length()) {
      out.append("…(").append(text.length() - cut).append(" more characters)");
    }
    return out.toString();
  }

  /**
   * A body that is not JSON (an HTML error page, a proxy's text) shown as one readable line: its
   * title, else its text; quoted as {@link #quote} does, after {@link Redact#body} removed anything
   * that looks like a secret from it.
   */
  static String readable(String body) {
    String title = null;
    int t = body.toLowerCase(Locale.ROOT).indexOf("<title>");
    if (t >= 0) {
      int end = body.toLowerCase(Locale.ROOT).indexOf("</title>", t);
      if (end > t) {
        title = body.substring(t + 7, end);
      }
    }
    String text =
        (title != null ? title : body.replaceAll("(?s)<(script|style).*?</\\1>", " "))
            .replaceAll("<[^>]*>", " ")
            .replaceAll("\\s+", " ")
            .trim();
    if (text.isEmpty()) {
      return "(empty body)";
    }
    return quote(text, Redact::body);
  }

  /**
   * A body that says it is JSON, or starts as JSON does, without being JSON: most likely cut off on
   * the way, tokens and all. Such a body is described, never quoted.
   */
  static boolean looksLikeJson(String body, String contentType) {
    String start = body.stripLeading();
    return contentType.toLowerCase(Locale.ROOT).contains("json")
        || start.startsWith("{")
        || start.startsWith("[");
  }
}
