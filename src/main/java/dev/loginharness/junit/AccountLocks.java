package dev.loginharness.junit;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLocksProvider;

/**
 * For parallel test execution: tests that use the same account run one after another, tests of
 * different accounts side by side. Use with {@code @ResourceLock(providers = AccountLocks.class)}
 * on the test class; the lock key is {@code login-harness:<provider>/<account>}.
 */
public final class AccountLocks implements ResourceLocksProvider {
  @Override
  public Set<Lock> provideForClass(Class<?> testClass) {
    Set<Lock> locks = new HashSet<>();
    for (Field field : testClass.getDeclaredFields()) {
      add(field.getAnnotation(HarnessToken.class), locks);
    }
    return locks;
  }

  @Override
  public Set<Lock> provideForMethod(
      List<Class<?>> enclosingInstanceTypes, Class<?> testClass, Method testMethod) {
    Set<Lock> locks = new HashSet<>();
    for (Parameter parameter : testMethod.getParameters()) {
      add(parameter.getAnnotation(HarnessToken.class), locks);
    }
    return locks;
  }

  private static void add(HarnessToken token, Set<Lock> locks) {
    if (token != null) {
      locks.add(
          new Lock(
              "login-harness:" + token.provider() + "/" + token.account(),
              ResourceAccessMode.READ_WRITE));
    }
  }
}
