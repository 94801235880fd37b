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
 * <p>Credential variables not named here are read from the configuration parameters {@code
 * loginharness.<provider>.<account>.username-env} / {@code .password-env} / {@code
 * .totp-secret-env} (junit-platform.properties). A provider name is looked up in the configuration
 * parameter {@code loginharness.provider.<provider>} (a profile file) before it is taken as a
 * built-in name or path.
 */
@Target({ElementType.PARAMETER, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface HarnessToken {
  String provider();

  String account() default "default";

  String usernameEnv() default "";

  String passwordEnv() default "";

  String totpSecretEnv() default "";

  /** A token expiring sooner than this is refreshed before it is handed out. */
  long minValiditySeconds() default 60;
}
