package dev.loginharness.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loginharness.api.DebugBundles;
import dev.loginharness.api.LoginHarness;
import dev.loginharness.api.MintOutcome;
import dev.loginharness.api.MintPlan;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "mint",
    mixinStandardHelpOptions = true,
    modelTransformer = MintCommand.WithoutAccount.class,
    sortOptions = false,
    description = {
      "Logs many accounts into one provider at once and keeps their tokens.",
      "The accounts log in in one headless Chromium, --parallel of them at once,",
      "each in a fresh user context of its own (cookies and storage of its own,",
      "removed after the login); on a Grid each worker has a browser of its own.",
      "Tokens go to the store. No tokens on stdout,",
      "but one JSON line per account as it finishes:",
      "  {\"account\":…,\"ok\":true|false,\"expires_at\":ISO|null,",
      "   \"elapsed_ms\":…,\"error\":null|\"…\"}",
      "A failed account does not stop the others. Exit 0 when all succeeded,",
      "3 when any failed, 2 when the accounts file is wrong (it is checked",
      "whole, secrets read, before any browser starts)."
    },
    footer = {
      "",
      "Accounts file: CSV with a header row, or a JSON array of objects, with",
      "  account, username (required), password_env or password_file (exactly one), and",
      "  totp_secret_env (optional). A relative password_file is read from the accounts",
      "  file's directory. The file names where secrets are, never the secrets.",
      "",
      "Example:",
      "  $ cat accounts.csv",
      "  account,username,password_env,password_file,totp_secret_env",
      "  main,alice@example.com,ALICE_PASS,,ALICE_TOTP",
      "  alt,bob@example.com,,secrets/bob.txt,",
      "  $ ALICE_PASS=… ALICE_TOTP=… login-harness mint --provider ./my-provider.json \\",
      "      --accounts accounts.csv --parallel 4",
      "  then: login-harness token --provider ./my-provider.json --account alt"
    })
final class MintCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Option(
      names = "--accounts",
      required = true,
      paramLabel = "FILE",
      description = "The accounts to log in (CSV or JSON; see below).")
  Path accounts;

  @Option(
      names = "--parallel",
      paramLabel = "N",
      defaultValue = "2",
      description =
          "Logins at once (default ${DEFAULT-VALUE}). More than two per CPU core "
              + "mostly adds waiting.")
  int parallel;

  @Option(
      names = "--browser-per-account",
      description =
          "Start a browser for every account instead of logging all accounts in in "
              + "user contexts of one (more memory; also the case with --debug-dir, and when the "
              + "capture is cdp or perflog).")
  boolean browserPerAccount;

  @Mixin ProviderOptions provider;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "120",
      description =
          "Per account: give up when no callback arrived after this long "
              + "(default ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Option(
      names = "--step-timeout",
      paramLabel = "SECONDS",
      defaultValue = "10",
      description = "Longest wait for one login page (default ${DEFAULT-VALUE}).")
  long stepTimeoutSeconds;

  @Option(
      names = "--debug-dir",
      paramLabel = "DIR",
      description =
          "A failed account leaves its bundle (screenshots, page, network, console; "
              + "secrets removed) in DIR/ACCOUNT. Default: no bundles.")
  Path debugDir;

  @Option(
      names = "--trace",
      description = "With --debug-dir: a bundle for successful accounts too.")
  boolean trace;

  @Mixin DriverOptionsMixin driver;

  @Override
  public Integer call() throws Exception {
    checkFlags();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    LoginHarness.Builder harness =
        provider
            .harness(err)
            .timeout(Duration.ofSeconds(timeoutSeconds))
            .stepTimeout(Duration.ofSeconds(stepTimeoutSeconds))
            .debugBundles(
                debugDir == null
                    ? DebugBundles.none()
                    : trace ? DebugBundles.in(debugDir).withTrace() : DebugBundles.in(debugDir));
    MintPlan plan =
        driver
            .options
            .applyTo(harness)
            .build()
            .planMint(
                accounts,
                parallel,
                browserPerAccount
                    ? MintPlan.BrowserUse.ONE_PER_ACCOUNT
                    : MintPlan.BrowserUse.SHARED);
    MintProgress progress = MintProgress.system(plan.accounts().size());
    List<MintOutcome> outcomes =
        plan.run(
            outcome -> {
              out.println(line(outcome));
              out.flush();
              progress.finished(outcome.account(), outcome.ok()).ifPresent(err::println);
              err.flush();
            });
    err.println(progress.summary());
    err.flush();
    return outcomes.stream().allMatch(MintOutcome::ok) ? ExitCodes.OK : ExitCodes.LOGIN_FAILED;
  }

  private void checkFlags() throws UsageException {
    if (parallel < 1) {
      throw new UsageException("--parallel must be at least 1");
    }
    if (provider.noStore()) {
      throw new UsageException(
          "mint keeps tokens only in the store; --store none would discard them");
    }
    if (trace && debugDir == null) {
      throw new UsageException("--trace needs --debug-dir");
    }
  }

  /** ProviderOptions' --account means nothing here: the accounts come from the file. */
  static final class WithoutAccount implements CommandLine.IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec spec) {
      spec.remove(spec.findOption("--account"));
      return spec;
    }
  }

  private static String line(MintOutcome outcome) {
    ObjectNode node = JSON.createObjectNode();
    node.put("account", outcome.account());
    node.put("ok", outcome.ok());
    node.put("expires_at", outcome.expiresAt().map(Object::toString).orElse(null));
    node.put("elapsed_ms", outcome.elapsedMillis());
    node.put("error", outcome.error().orElse(null));
    return node.toString();
  }
}
