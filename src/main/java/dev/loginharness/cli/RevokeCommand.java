package dev.loginharness.cli;

import dev.loginharness.api.LoginHarness;
import dev.loginharness.api.Revocation;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "revoke",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Revokes the stored tokens at the provider and deletes them from the store.",
      "RFC 7009: the refresh token, then the access token. Without a revocation endpoint,",
      "says so and only deletes them."
    },
    footer = {
      "",
      "Examples:",
      "  login-harness revoke --provider deviantart --account bot",
      "  login-harness revoke --provider deviantart --refresh-only"
    })
final class RevokeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ProviderOptions provider;

  @Option(
      names = "--refresh-only",
      description = "Revoke only the refresh token and keep the access token (DeviantArt).")
  boolean refreshOnly;

  @Override
  public Integer call() throws Exception {
    var err = spec.commandLine().getErr();
    LoginHarness harness = provider.harness(err).build();
    Revocation done = refreshOnly ? harness.revokeRefreshToken() : harness.revoke();
    err.println(
        "login-harness: "
            + harness.provider()
            + "/"
            + harness.account()
            + ": "
            + (done.atProvider()
                ? done.tokensRevoked() + " token(s) revoked at the provider"
                : "nothing revoked remotely")
            + (refreshOnly
                ? "; access token kept"
                : done.deletedLocally() ? "; deleted from the store" : ""));
    err.flush();
    return ExitCodes.OK;
  }
}
