package dev.loginharness.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects a token into a test parameter or field of type {@code String} (the access token) or
 * {@link dev.loginharness.oauth.TokenSet}, with {@link LoginHarnessExtension}.
 *
 * <p>With an extension configured in code ({@code LoginHarnessExtension.forProfile(…)}), {@code
 * provider} is left out (or is the profile's name, to choose among several such extensions) and the
 * credential variables are not named: the extension has the credentials.
 *
 * <p>With {@code @ExtendWith(LoginHarnessExtension.class)}, {@code provider} is required.
 * Credential variables not named here are read from the configuration parameters {@code
 * loginharness.<provider>.<account>.username-env} / {@code .password-env} / {@code
 * .totp-secret-env} (junit-platform.properties). A provider name is looked up in the configuration
 * parameter {@code loginharness.provider.<provider>} (a profile file) before it is taken as a
 * built-in name or path.
 */
@Target({ElementType.PARAMETER, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface HarnessToken {
  /**
   * A built-in provider, a profile file's path or a name configured for one; empty: the extension
   * configured in code.
   */
  String provider() default "";

  String account() default "default";

  String usernameEnv() default "";

  String passwordEnv() default "";

  String totpSecretEnv() default "";

  /** A token expiring sooner than this is refreshed before it is handed out. */
  long minValiditySeconds() default 60;
}
