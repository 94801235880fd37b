package dev.loginharness.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loginharness.demo.DemoProvider;
import dev.loginharness.oauth.TokenSet;
import dev.loginharness.provider.ProviderProfile;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A user compiles against the API, the JUnit extension and the values they hand out without a
 * library of ours on the classpath: no public signature there names a Jackson type.
 */
class PublicSignaturesTest {
  private static final String JACKSON = "com.fasterxml.";

  @Test
  void noPublicSignatureNamesJackson() throws Exception {
    List<Class<?>> types = new ArrayList<>();
    types.addAll(classesIn("dev/loginharness/api"));
    types.addAll(classesIn("dev/loginharness/junit"));
    types.addAll(List.of(TokenSet.class, ProviderProfile.class, DemoProvider.class));
    assertTrue(types.size() > 20, "found the classes: " + types);

    List<String> offenders = new ArrayList<>();
    for (Class<?> type : types) {
      collect(type, offenders);
    }
    assertEquals(List.of(), offenders);
  }

  private static void collect(Class<?> type, List<String> offenders) {
    if (!Modifier.isPublic(type.getModifiers())) {
      return;
    }
    for (Method method : type.getDeclaredMethods()) {
      if (visible(method.getModifiers()) && !method.isSynthetic()) {
        check(type, method, method.getGenericReturnType(), offenders);
        checkExecutable(type, method, offenders);
      }
    }
    for (Constructor<?> constructor : type.getDeclaredConstructors()) {
      if (visible(constructor.getModifiers())) {
        checkExecutable(type, constructor, offenders);
      }
    }
    for (Field field : type.getDeclaredFields()) {
      if (visible(field.getModifiers())) {
        check(type, field, field.getGenericType(), offenders);
      }
    }
    if (type.isRecord()) {
      for (RecordComponent component : type.getRecordComponents()) {
        check(type, component.getName(), component.getGenericType(), offenders);
      }
    }
    check(type, "supertypes", type.getGenericSuperclass(), offenders);
    for (Type implemented : type.getGenericInterfaces()) {
      check(type, "supertypes", implemented, offenders);
    }
    for (Class<?> nested : type.getDeclaredClasses()) {
      collect(nested, offenders);
    }
  }

  private static void checkExecutable(Class<?> type, Executable member, List<String> offenders) {
    for (Type parameter : member.getGenericParameterTypes()) {
      check(type, member, parameter, offenders);
    }
    for (Type thrown : member.getGenericExceptionTypes()) {
      check(type, member, thrown, offenders);
    }
  }

  private static void check(Class<?> owner, Object member, Type type, List<String> offenders) {
    if (type != null && type.getTypeName().contains(JACKSON)) {
      offenders.add(owner.getName() + " " + member + ": " + type.getTypeName());
    }
  }

  private static boolean visible(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  private static List<Class<?>> classesIn(String packagePath) throws Exception {
    Path root =
        Path.of(LoginHarness.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Class<?>> classes = new ArrayList<>();
    try (Stream<Path> files = Files.list(root.resolve(packagePath))) {
      for (Path file : (Iterable<Path>) files.sorted()::iterator) {
        String name = file.getFileName().toString();
        if (name.endsWith(".class") && !name.contains("$") && !name.startsWith("package-info")) {
          classes.add(
              Class.forName(
                  packagePath.replace('/', '.') + "." + name.substring(0, name.length() - 6)));
        }
      }
    }
    return classes;
  }
}
