package dev.loginharness.junit;

import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One provider and account as a test asks for it, with its settings resolved from the annotation
 * and the configuration parameters.
 */
record TokenKey(
    String provider,
    String account,
    String profile,
    String usernameEnv,
    String passwordEnv,
    String totpSecretEnv,
    Optional<String> store) {

  static TokenKey of(HarnessToken token, ExtensionContext context) {
    String prefix = "loginharness." + token.provider() + "." + token.account() + ".";
    return new TokenKey(
        token.provider(),
        token.account(),
        context
            .getConfigurationParameter("loginharness.provider." + token.provider())
            .orElse(token.provider()),
        pick(token.usernameEnv(), context, prefix + "username-env"),
        pick(token.passwordEnv(), context, prefix + "password-env"),
        pick(token.totpSecretEnv(), context, prefix + "totp-secret-env"),
        context.getConfigurationParameter("loginharness.store"));
  }

  private static String pick(String annotated, ExtensionContext context, String parameter) {
    return !annotated.isEmpty()
        ? annotated
        : context.getConfigurationParameter(parameter).orElse("");
  }

  /** The lock and cache key: tests of one account share one token and one login. */
  String id() {
    return provider + "/" + account;
  }
}
