package dev.loginharness.cli;

import dev.loginharness.api.LoginHarness;
import dev.loginharness.oauth.TokenSet;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "login",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Logs into the provider in a real Chromium, stores the tokens and prints them.",
      "Headless: fills the login form with --username and a password source.",
      "Headful: opens a window; you sign in (captcha, 2FA, consent) and the code is",
      "captured the moment the browser is sent to the redirect URI.",
      "",
      "The callback's state must be the one sent, or nothing is exchanged (exit 3). A",
      "profile with \"state\": \"not-echoed\" (pixiv: Pixiv answers with a state of its",
      "own) sends and checks none; the callback is then bound to this login by PKCE (a",
      "code is useless without this run's verifier) and by the capture hearing only the",
      "tab this run opened, and a code that is not this login's fails at the token",
      "endpoint (exit 4) instead of before it."
    },
    footer = {
      "",
      "Examples:",
      "  MY_PASS=… login-harness login --provider ./my-provider.json --headless \\",
      "      --username alice --password-env MY_PASS",
      "  login-harness login --provider pixiv --account main --headful",
      "  login-harness login --issuer https://id.example.com --client-id cli \\",
      "      --redirect-uri http://127.0.0.1:8765/callback --scope openid --headful"
    })
final class LoginCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ProviderOptions provider;

  @Option(names = "--no-store", description = "Print the tokens without storing them.")
  boolean noStore;

  @Mixin Printer printer;

  @Mixin BrowserLoginOptions browser;

  @Override
  public Integer call() throws Exception {
    printer.validate();
    PrintWriter err = spec.commandLine().getErr();
    LoginHarness.Builder harness = provider.harness(err);
    if (noStore) {
      harness.noStore();
    }
    TokenSet tokens = browser.applyTo(harness, err).build().login();
    printer.print(spec.commandLine().getOut(), tokens, "json");
    return ExitCodes.OK;
  }
}
