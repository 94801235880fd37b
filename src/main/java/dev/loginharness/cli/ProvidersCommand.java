package dev.loginharness.cli;

import dev.loginharness.api.LoginHarness;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "providers",
    mixinStandardHelpOptions = true,
    description = {
      "Lists the built-in provider profiles, or prints one as JSON.",
      "Start your own profile from one: a file with \"extends\": \"NAME\" overrides any of",
      "its fields."
    },
    footer = {
      "",
      "Examples:",
      "  login-harness providers",
      "  login-harness providers pixiv > my-pixiv.json"
    })
final class ProvidersCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "NAME", description = "Print this built-in profile.")
  String name;

  @Override
  public Integer call() throws Exception {
    var out = spec.commandLine().getOut();
    if (name != null) {
      out.println(LoginHarness.builtInProviderJson(name));
    } else {
      LoginHarness.builtInProviders().forEach(out::println);
    }
    out.flush();
    return ExitCodes.OK;
  }
}
