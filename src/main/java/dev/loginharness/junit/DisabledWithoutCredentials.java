package dev.loginharness.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Skips a test class or method when the credential variables its {@link HarnessToken}s name are not
 * set — so a suite runs on a laptop without secrets, as Testcontainers' {@code
 * disabledWithoutDocker} does without Docker.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(CredentialsCondition.class)
public @interface DisabledWithoutCredentials {}
