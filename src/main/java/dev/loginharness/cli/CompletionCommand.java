package dev.loginharness.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
      "Prints a shell completion script for bash or zsh.",
      "Completes commands, flags and the values of flags that take a fixed set.",
      "The zsh script is the bash one, run through zsh's bashcompinit."
    },
    footer = {
      "",
      "Examples:",
      "  source <(login-harness completion bash)        # in ~/.bashrc",
      "  source <(login-harness completion zsh)         # in ~/.zshrc"
    })
final class CompletionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SHELL", description = "bash or zsh.")
  String shell;

  @Override
  public Integer call() throws Exception {
    if (!shell.equals("bash") && !shell.equals("zsh")) {
      throw new UsageException("completion: the shell must be bash or zsh, not '" + shell + "'");
    }
    // picocli's script loads zsh's bashcompinit itself when it runs under zsh.
    var out = spec.commandLine().getOut();
    out.print(AutoComplete.bash("login-harness", spec.root().commandLine()));
    out.flush();
    return ExitCodes.OK;
  }
}
