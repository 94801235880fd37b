package dev.loginharness.cli;

import dev.loginharness.api.LoginHarness;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Which provider, which account, which store: shared by every command that deals in tokens. */
final class ProviderOptions {
  @Option(
      names = "--provider",
      paramLabel = "FILE|NAME",
      description = "Provider profile: a JSON file, or a built-in (pixiv, deviantart).")
  String provider;

  @Option(
      names = "--issuer",
      paramLabel = "URL",
      description = "An OIDC issuer: endpoints come from its discovery document.")
  String issuer;

  @Option(
      names = "--client-id",
      paramLabel = "ID",
      description = "Overrides the profile's clientId.")
  String clientId;

  @Option(
      names = "--client-secret-env",
      paramLabel = "VAR",
      description = "Environment variable holding the client secret.")
  String clientSecretEnv;

  @Option(
      names = "--redirect-uri",
      paramLabel = "URI",
      description = "Overrides the profile's redirectUri.")
  String redirectUri;

  @Option(
      names = "--scope",
      paramLabel = "SCOPE",
      description = "A scope; repeatable. Replaces the profile's.")
  List<String> scopes = new ArrayList<>();

  @Option(
      names = "--account",
      paramLabel = "NAME",
      defaultValue = "default",
      description = "Which of your accounts at this provider (default: ${DEFAULT-VALUE}).")
  String account;

  @Option(
      names = "--store",
      paramLabel = "DIR|none",
      description =
          "Token store directory (default: $LOGIN_HARNESS_STORE, else "
              + "${XDG_CONFIG_HOME:-~/.config}/login-harness/tokens); none keeps nothing on disk.")
  String store;

  /**
   * A harness builder for these flags, with notices going to {@code err}; commands add their own
   * settings before building it.
   */
  LoginHarness.Builder harness(PrintWriter err) throws UsageException {
    LoginHarness.Builder builder;
    if (provider != null) {
      builder = LoginHarness.forProvider(provider);
      if (issuer != null) {
        builder.issuer(issuer);
      }
    } else if (issuer != null) {
      builder = LoginHarness.forIssuer(issuer);
    } else {
      throw new UsageException(
          "give --provider FILE|NAME, or --issuer URL with --client-id and --redirect-uri");
    }
    if (clientId != null) {
      builder.clientId(clientId);
    }
    if (clientSecretEnv != null) {
      builder.clientSecretEnv(clientSecretEnv);
    }
    if (redirectUri != null) {
      builder.redirectUri(redirectUri);
    }
    if (!scopes.isEmpty()) {
      builder.scopes(scopes);
    }
    if (account != null) { // mint removes --account: its accounts come from a file
      builder.account(account);
    }
    if ("none".equals(store)) {
      builder.noStore();
    } else if (store != null) {
      builder.store(Path.of(store));
    }
    return builder.listener(new StderrListener(err, false));
  }

  /** Whether --store none was given. */
  boolean noStore() {
    return "none".equals(store);
  }
}
