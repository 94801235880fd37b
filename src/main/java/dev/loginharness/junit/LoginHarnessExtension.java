package dev.loginharness.junit;

import dev.loginharness.api.HarnessException;
import dev.loginharness.oauth.TokenSet;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;

/**
 * Tokens for tests: {@code @ExtendWith(LoginHarnessExtension.class)} and a {@link HarnessToken} on
 * a parameter or field of type {@code String} or {@link TokenSet}.
 *
 * <pre>{@code
 * @ExtendWith(LoginHarnessExtension.class)
 * class ApiTest {
 *   @Test
 *   void lists(@HarnessToken(provider = "deviantart", account = "ci-1",
 *       usernameEnv = "DA_USER", passwordEnv = "DA_PASS") String token) { … }
 * }
 * }</pre>
 *
 * Tokens are minted lazily, once per provider and account for the whole run (JUnit's root store),
 * and refreshed near expiry. They are kept in a token store of the run's own, deleted when the run
 * ends, unless the configuration parameter {@code loginharness.store} names a directory: then later
 * runs and Surefire forks share them through that store and its lock (a stored token is only served
 * to a profile with the same token endpoint and client id). A failure to mint fails the tests that
 * need the token, with the harness's message; the others run.
 */
public final class LoginHarnessExtension implements ParameterResolver, TestInstancePostProcessor {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(LoginHarnessExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.isAnnotated(HarnessToken.class)
        && isTokenType(parameter.getParameter().getType());
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    HarnessToken token = parameter.findAnnotation(HarnessToken.class).orElseThrow();
    try {
      return convert(mint(token, context), parameter.getParameter().getType());
    } catch (HarnessException e) {
      throw new ParameterResolutionException(failure(token, e));
    }
  }

  @Override
  public void postProcessTestInstance(Object instance, ExtensionContext context) throws Exception {
    for (Class<?> type = instance.getClass(); type != Object.class; type = type.getSuperclass()) {
      for (Field field : type.getDeclaredFields()) {
        HarnessToken token = field.getAnnotation(HarnessToken.class);
        if (token == null) {
          continue;
        }
        if (!isTokenType(field.getType())) {
          throw new ExtensionConfigurationException(
              "@HarnessToken field " + field.getName() + " must be a String or a TokenSet");
        }
        try {
          field.setAccessible(true);
          field.set(instance, convert(mint(token, context), field.getType()));
        } catch (HarnessException e) {
          throw new ExtensionConfigurationException(failure(token, e));
        }
      }
    }
  }

  private static TokenSet mint(HarnessToken token, ExtensionContext context)
      throws HarnessException {
    TokenKey key = TokenKey.of(token, context);
    ExtensionContext.Store run = context.getRoot().getStore(NAMESPACE);
    Path store =
        key.store()
            .map(Path::of)
            .orElseGet(
                () ->
                    run.getOrComputeIfAbsent(RunStore.class, type -> new RunStore(), RunStore.class)
                        .directory());
    MintedToken minted =
        run.getOrComputeIfAbsent(key.id(), id -> new MintedToken(key, store), MintedToken.class);
    return minted.get(Duration.ofSeconds(token.minValiditySeconds()));
  }

  private static boolean isTokenType(Class<?> type) {
    return type == String.class || type == TokenSet.class;
  }

  private static Object convert(TokenSet tokens, Class<?> type) {
    return type == String.class ? tokens.accessToken().reveal() : tokens;
  }

  private static String failure(HarnessToken token, HarnessException e) {
    return "login-harness could not get a token for "
        + token.provider()
        + "/"
        + token.account()
        + " ("
        + e.getClass().getSimpleName()
        + "): "
        + e.getMessage();
  }
}
