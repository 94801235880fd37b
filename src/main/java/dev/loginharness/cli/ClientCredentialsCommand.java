package dev.loginharness.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "client-credentials",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Gets a token for the client itself, stores it and prints it.",
      "The client credentials grant (RFC 6749 §4.4), no browser. Needs a confidential",
      "client: clientSecretEnv (or clientSecret) in the profile."
    },
    footer = {
      "",
      "Example:",
      "  DEVIANTART_CLIENT_SECRET=… login-harness client-credentials --provider deviantart --client-id 1234"
    })
final class ClientCredentialsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ProviderOptions provider;

  @Mixin Printer printer;

  @Override
  public Integer call() throws Exception {
    printer.validate();
    var tokens = provider.harness(spec.commandLine().getErr()).build().clientCredentials();
    printer.print(spec.commandLine().getOut(), tokens, "json");
    return ExitCodes.OK;
  }
}
