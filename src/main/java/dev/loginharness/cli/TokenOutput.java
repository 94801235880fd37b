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
      return json(MAPPER, t);
    }
  },
  /**
   * {@link #JSON} on one line, for tools that read a line at a time (oauth2l's {@code
   * json_compact}).
   */
  JSON_COMPACT {
    @Override
    String render(TokenSet t) {
      return json(COMPACT, t);
    }
  },
  /** kubectl's ExecCredential, for a kubeconfig {@code exec} plugin. */
  EXEC_CREDENTIAL {
    @Override
    String render(TokenSet t) {
      return ExecCredential.render(t.accessToken().reveal(), t.expiresAt());
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

  private static final ObjectMapper COMPACT = new ObjectMapper();
  private static final ObjectMapper MAPPER =
      COMPACT.copy().enable(SerializationFeature.INDENT_OUTPUT);

  abstract String render(TokenSet tokens);

  /** The names {@code --format} takes, in order: {@code json-compact} for JSON_COMPACT. */
  static String names() {
    return String.join(
        ", ", java.util.Arrays.stream(values()).map(TokenOutput::formatName).toList());
  }

  String formatName() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  private static String json(ObjectMapper mapper, TokenSet t) {
    try {
      return mapper.writeValueAsString(t.toJson());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a tree Jackson built cannot fail to serialise", e);
    }
  }

  private static String shellQuote(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }
}
