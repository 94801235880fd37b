package dev.loginharness.cli;

import dev.loginharness.api.LoginHarness;
import dev.loginharness.api.TokenCheck;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Asks the provider whether the stored access token is accepted.",
      "Asks DeviantArt's placebo, an OIDC provider's userinfo, or the profile's checkEndpoint.",
      "Exit 0 when accepted, 4 when refused, 75 when the endpoint cannot be reached."
    },
    footer = {"", "Example:", "  login-harness check --provider deviantart && echo still good"})
final class CheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ProviderOptions provider;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    LoginHarness harness = provider.harness(err).build();
    TokenCheck result = harness.check();
    err.println(
        "login-harness: "
            + harness.provider()
            + "/"
            + harness.account()
            + ": token "
            + (result.accepted() ? "accepted" : "refused")
            + " ("
            + result.detail()
            + ")");
    err.flush();
    return result.accepted() ? ExitCodes.OK : ExitCodes.TOKEN_ENDPOINT;
  }
}
