package dev.loginharness.demo;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Reading the posted sign-in pages: the same strictness as the login form, in one place. */
final class Forms {
  private Forms() {}

  /**
   * The named fields of a urlencoded form post, each {@code ""} when absent; or, when the post is
   * not a form, too large, malformed or repeats a field, a 400 page has been sent and the result is
   * empty.
   */
  static Optional<Map<String, String>> read(HttpExchange exchange, String heading, String... names)
      throws IOException {
    if (!Responses.isForm(exchange)) {
      return fail(
          exchange, heading, "The form must be posted as application/x-www-form-urlencoded.");
    }
    String body = Responses.readBody(exchange);
    if (body == null) {
      return fail(exchange, heading, "The request is too large.");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    try {
      Params form = Params.parse(body);
      for (String name : names) {
        fields.put(name, form.optional(name).orElse(""));
      }
    } catch (Params.InvalidParameter e) {
      return fail(exchange, heading, e.getMessage());
    }
    return Optional.of(fields);
  }

  static void badRequest(HttpExchange exchange, String heading, String message) throws IOException {
    Responses.html(exchange, 400, Html.errorPage(heading, message));
  }

  private static Optional<Map<String, String>> fail(
      HttpExchange exchange, String heading, String message) throws IOException {
    badRequest(exchange, heading, message);
    return Optional.empty();
  }
}
