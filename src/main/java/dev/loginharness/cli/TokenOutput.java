package dev.loginharness.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.loginharness.oauth.TokenSet;
import java.time.format.DateTimeFormatter;

/** Renders tokens for stdout, the only place they are ever written out on purpose. */
enum TokenOutput {
  /** The token response (RFC 6749 §5.1 fields and any others) plus {@code expires_at}. */
  JSON {
    @Override
    String render(TokenSet t) {
      try {
        return MAPPER.writeValueAsString(t.toJson());
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException("a tree Jackson built cannot fail to serialise", e);
      }
    }
  },
  /** Shell {@code export} lines, for {@code eval "$(login-harness … --format env)"}. */
  ENV {
    @Override
    String render(TokenSet t) {
      StringBuilder out = new StringBuilder();
      out.append("export ACCESS_TOKEN=").append(shellQuote(t.accessToken().reveal())).append('\n');
      t.refreshToken()
          .ifPresent(
              r -> out.append("export REFRESH_TOKEN=").append(shellQuote(r.reveal())).append('\n'));
      t.expiresAt()
          .ifPresent(
              at ->
                  out.append("export TOKEN_EXPIRES_AT=")
                      .append(DateTimeFormatter.ISO_INSTANT.format(at))
                      .append('\n'));
      return out.toString().stripTrailing();
    }
  },
  /** The bare access token. */
  TOKEN {
    @Override
    String render(TokenSet t) {
      return t.accessToken().reveal();
    }
  },
  /** An HTTP header line: {@code curl -H "$(login-harness … --format header)"}. */
  HEADER {
    @Override
    String render(TokenSet t) {
      return "Authorization: Bearer " + t.accessToken().reveal();
    }
  };

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  abstract String render(TokenSet tokens);

  private static String shellQuote(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }
}
