package dev.loginharness.cli;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * kubectl's {@code ExecCredential} ({@code client.authentication.k8s.io/v1}), what a kubeconfig
 * {@code exec} plugin prints: the access token as {@code status.token} and its expiry as {@code
 * status.expirationTimestamp} (RFC 3339, whole seconds, rounded down so that kubectl asks again
 * early rather than late), on one line. Built by hand so that {@link FastToken} can print it
 * without loading Jackson's databind.
 */
final class ExecCredential {
  static final String API_VERSION = "client.authentication.k8s.io/v1";

  private ExecCredential() {}

  static String render(String accessToken, Optional<Instant> expiresAt) {
    return "{\"apiVersion\":\""
        + API_VERSION
        + "\",\"kind\":\"ExecCredential\",\"status\":{\"token\":\""
        + jsonEscape(accessToken)
        + "\""
        + expiresAt
            .map(at -> ",\"expirationTimestamp\":\"" + at.truncatedTo(ChronoUnit.SECONDS) + "\"")
            .orElse("")
        + "}}";
  }

  /** A JSON string's content: quotes, backslashes and control characters escaped. */
  private static String jsonEscape(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (char c : value.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
