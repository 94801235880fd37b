package dev.loginharness.cli;

import dev.loginharness.api.LoginHarness;
import dev.loginharness.api.StoredEntry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Shows what the token store holds, never a token.",
      "For each entry: provider and account, the server and client the tokens came from,",
      "when the access token expires, whether it can be refreshed."
    },
    footer = {"", "Example:", "  login-harness status --store ./ci-tokens"})
final class StatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--store",
      paramLabel = "DIR",
      description =
          "Token store directory (default: $LOGIN_HARNESS_STORE, else "
              + "${XDG_CONFIG_HOME:-~/.config}/login-harness/tokens).")
  Path store;

  @Override
  public Integer call() throws Exception {
    List<StoredEntry> entries =
        store != null ? LoginHarness.storedEntries(store) : LoginHarness.storedEntries();
    PrintWriter out = spec.commandLine().getOut();
    if (entries.isEmpty()) {
      out.println("no tokens stored" + (store != null ? " in " + store : ""));
    }
    Instant now = Instant.now();
    for (StoredEntry e : entries) {
      out.println(e.provider() + "/" + e.account());
      if (e.problem().isPresent()) {
        out.println("  unreadable:  " + e.problem().get());
        continue;
      }
      out.println(
          "  server:      " + e.tokenEndpoint().map(Object::toString).orElse("(not recorded)"));
      out.println("  client:      " + e.clientId().orElse("(not recorded)"));
      out.println("  expires:     " + expiry(e, now));
      out.println(
          "  refreshable: "
              + (e.refreshable() ? "yes" : "no")
              + e.refreshRefusedAt()
                  .map(at -> " (the provider refused the refresh token at " + at + ")")
                  .orElse(""));
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static String expiry(StoredEntry e, Instant now) {
    return e.expiresAt()
        .map(
            at -> {
              Duration left = Duration.between(now, at);
              return at.truncatedTo(ChronoUnit.SECONDS)
                  + (left.isNegative()
                      ? " (expired " + roughly(left.negated()) + " ago)"
                      : " (in " + roughly(left) + ")");
            })
        .orElse("not said by the provider");
  }

  /** 45 s, 12 min, 3 h, 2 d. */
  private static String roughly(Duration d) {
    long s = d.toSeconds();
    if (s < 120) {
      return s + " s";
    }
    if (s < 2 * 3600) {
      return s / 60 + " min";
    }
    if (s < 2 * 86400) {
      return s / 3600 + " h";
    }
    return s / 86400 + " d";
  }
}
