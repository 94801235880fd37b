package dev.loginharness.cli;

import dev.loginharness.api.LoginHarness;
import dev.loginharness.oauth.TokenSet;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The credential helper. The common case — a stored token that is still valid — is answered by
 * {@link FastToken} before this class (and picocli, Selenium, OkHttp) is even loaded; this is the
 * path for everything else: refresh, login, unusual flags.
 */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Prints a valid access token, refreshing the stored one when it is about to expire.",
      "The stored token is refreshed first when it expires within --min-valid seconds.",
      "Never opens a browser unless --login-if-needed.",
      "Safe to run from many processes at once: one refreshes, the others wait and reuse."
    },
    footer = {
      "",
      "Examples:",
      "  curl -H \"$(login-harness token --provider pixiv --format header)\" https://…",
      "  TOKEN=$(login-harness token --provider deviantart --account bot)",
      "  kubeconfig exec plugin: login-harness token --provider ./oidc.json --format exec-credential"
    })
final class TokenCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ProviderOptions provider;

  @Mixin Printer printer;

  @Option(
      names = "--min-valid",
      paramLabel = "SECONDS",
      defaultValue = "60",
      description =
          "Refresh when the token expires within this many seconds (default ${DEFAULT-VALUE}).")
  long minValidSeconds;

  @Option(
      names = "--login-if-needed",
      description = "When there is no usable token or refresh token, log in with a browser.")
  boolean loginIfNeeded;

  /** Used only with --login-if-needed. */
  @Mixin BrowserLoginOptions browser;

  @Override
  public Integer call() throws Exception {
    printer.validate();
    PrintWriter err = spec.commandLine().getErr();
    LoginHarness.Builder harness =
        provider.harness(err).minValidity(Duration.ofSeconds(minValidSeconds));
    TokenSet tokens =
        loginIfNeeded
            ? browser.applyTo(harness, err).build().token()
            : harness.build().tokenWithoutLogin();
    printer.print(spec.commandLine().getOut(), tokens, "token");
    return ExitCodes.OK;
  }
}
