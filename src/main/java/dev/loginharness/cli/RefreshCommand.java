package dev.loginharness.cli;

import dev.loginharness.api.LoginHarness;
import dev.loginharness.secret.Secret;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "refresh",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Exchanges a refresh token for new tokens, stores them and prints them.",
      "Uses the stored refresh token unless one is given."
    },
    footer = {
      "",
      "Examples:",
      "  login-harness refresh --provider pixiv",
      "  PIXIV_REFRESH=… login-harness refresh --provider pixiv --refresh-token-env PIXIV_REFRESH"
    })
final class RefreshCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ProviderOptions provider;

  @Mixin Printer printer;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Source source;

  static final class Source {
    @Option(
        names = "--refresh-token-env",
        paramLabel = "VAR",
        description = "Use the refresh token in environment variable VAR.")
    String env;

    @Option(names = "--refresh-token-stdin", description = "Read the refresh token from stdin.")
    boolean stdin;
  }

  @Override
  public Integer call() throws Exception {
    printer.validate();
    LoginHarness harness = provider.harness(spec.commandLine().getErr()).build();
    var tokens = source == null ? harness.refresh() : harness.refresh(given());
    printer.print(spec.commandLine().getOut(), tokens, "json");
    return ExitCodes.OK;
  }

  /** The refresh token given by --refresh-token-env or --refresh-token-stdin. */
  private Secret given() throws UsageException {
    if (source.env != null) {
      String value = System.getenv(source.env);
      if (value == null || value.isBlank()) {
        throw new UsageException("--refresh-token-env " + source.env + ": not set or empty");
      }
      return Secret.of(value.trim());
    }
    String line;
    try {
      line =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    } catch (IOException e) {
      throw new UsageException("--refresh-token-stdin: cannot read standard input");
    }
    if (line == null || line.isBlank()) {
      throw new UsageException("--refresh-token-stdin: nothing on standard input");
    }
    return Secret.of(line.trim());
  }
}
