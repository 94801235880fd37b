package dev.loginharness.cli;

import dev.loginharness.oauth.TokenSet;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** {@code --format}, and the one place tokens are written to stdout. */
final class Printer {
  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description =
          "json | json-compact (one line) | env | token | header | exec-credential (kubectl's"
              + " ExecCredential, for a kubeconfig exec plugin). Default: json; for `token`: token.")
  String format;

  void print(PrintWriter out, TokenSet tokens, String defaultFormat) throws UsageException {
    out.println(Formats.parse(format != null ? format : defaultFormat).render(tokens));
    out.flush();
  }

  /** Fails before any work is done when the format is wrong. */
  void validate() throws UsageException {
    if (format != null) {
      Formats.parse(format);
    }
  }
}
