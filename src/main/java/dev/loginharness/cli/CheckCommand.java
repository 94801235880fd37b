package dev.loginharness.cli;

import dev.loginharness.flow.TokenService;
import dev.loginharness.oauth.TokenClient;
import dev.loginharness.oauth.TokenClient.CheckResult;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {"Asks the provider whether the stored access token is accepted: DeviantArt's",
        "placebo, an OIDC provider's userinfo, or the profile's checkEndpoint.",
        "Exit 0 when accepted, 4 when refused."},
    footer = {"", "Example:", "  login-harness check --provider deviantart && echo still good"})
final class CheckCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  ProviderOptions provider;

  @Override
  public Integer call() throws Exception {
    var profile = provider.profile();
    CheckResult result = new TokenService(provider.store(), TokenClient.shared(), Clock.systemUTC())
        .check(profile, provider.account);
    spec.commandLine().getErr().println("login-harness: " + profile.name() + "/" + provider.account
        + ": token " + (result.accepted() ? "accepted" : "refused") + " (" + result.detail() + ")");
    spec.commandLine().getErr().flush();
    return result.accepted() ? ExitCodes.OK : ExitCodes.TOKEN_ENDPOINT;
  }
}
