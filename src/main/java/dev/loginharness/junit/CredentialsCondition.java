package dev.loginharness.junit;

import dev.loginharness.api.Credentials;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The condition behind {@link DisabledWithoutCredentials}. */
final class CredentialsCondition implements ExecutionCondition {
  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Set<String> missing = new LinkedHashSet<>();
    for (HarnessToken token : tokens(context)) {
      TokenKey key = TokenKey.of(token, context);
      for (String var : new String[] {key.usernameEnv(), key.passwordEnv(), key.totpSecretEnv()}) {
        if (!var.isEmpty() && !Credentials.available(var)) {
          missing.add(var);
        }
      }
    }
    return result(missing);
  }

  /**
   * The tokens a class (its fields and every method's parameters) or a test method (the class's
   * fields, injected for every test, and its own parameters) asks for.
   */
  static List<HarnessToken> tokens(ExtensionContext context) {
    List<HarnessToken> tokens = new ArrayList<>();
    context
        .getTestClass()
        .ifPresent(
            type -> {
              for (Field field : type.getDeclaredFields()) {
                collect(field, tokens);
              }
              if (context.getTestMethod().isEmpty()) {
                for (Method method : type.getDeclaredMethods()) {
                  for (Parameter parameter : method.getParameters()) {
                    collect(parameter, tokens);
                  }
                }
              }
            });
    context
        .getTestMethod()
        .ifPresent(
            method -> {
              for (Parameter parameter : method.getParameters()) {
                collect(parameter, tokens);
              }
            });
    return tokens;
  }

  /** Disabled, naming the variables that are not set; enabled when none is missing. */
  static ConditionEvaluationResult result(Set<String> missing) {
    return missing.isEmpty()
        ? ConditionEvaluationResult.enabled("login-harness credentials are set")
        : ConditionEvaluationResult.disabled(
            "login-harness credentials not set: " + String.join(", ", missing));
  }

  private static void collect(AnnotatedElement element, List<HarnessToken> into) {
    HarnessToken token = element.getAnnotation(HarnessToken.class);
    if (token != null) {
      into.add(token);
    }
  }
}
