package dev.loginharness.junit;

import dev.loginharness.api.Credentials;
import dev.loginharness.api.HarnessException;
import dev.loginharness.api.LoginHarness;
import dev.loginharness.oauth.TokenSet;
import dev.loginharness.provider.ProviderProfile;
import dev.loginharness.secret.Secret;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Tokens for tests, injected into a parameter or field of type {@code String} (the access token) or
 * {@link TokenSet} marked {@link HarnessToken}. Two forms.
 *
 * <p>Configured in code, with nothing on disk and no system property — the profile, who logs in and
 * where tokens are kept are all given here:
 *
 * <pre>{@code
 * class ApiTest {
 *   @RegisterExtension
 *   static final LoginHarnessExtension harness =
 *       LoginHarnessExtension.forProfile(profile)              // or forProvider("deviantart")
 *           .credentials("alice", "wonderland")                // account "default"
 *           .account("ci-2", Credentials.of("bob", Secret.of("builder")));
 *
 *   @Test
 *   void lists(@HarnessToken String token) { … }               // alice's token
 *
 *   @Test
 *   void other(@HarnessToken(account = "ci-2") TokenSet tokens) { … }
 * }
 * }</pre>
 *
 * Each method returns a changed copy. A {@link HarnessToken} it serves names no provider (or the
 * profile's name; register several extensions, one per provider, and name it); its {@code
 * usernameEnv}, {@code passwordEnv} and {@code totpSecretEnv} belong to the annotation form and are
 * refused here. Logins are headless; {@link #configure} sets anything else a {@link
 * LoginHarness.Builder} can (timeouts, drivers, debug bundles, a listener). Tokens are shared by
 * the tests that use the same extension (a static field) and account. Credentials given as values
 * are always there; with {@link #credentialsFromEnv}, a class or test marked {@link
 * DisabledWithoutCredentials} is skipped while one of the variables is not set, and otherwise fails
 * with a message naming it.
 *
 * <p>Configured by annotations, {@code @ExtendWith(LoginHarnessExtension.class)}:
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
 * Here credential variables not named in the annotation, a profile file for a provider name and a
 * store come from configuration parameters (junit-platform.properties; see {@link HarnessToken}).
 *
 * <p>Both forms: tokens are minted lazily, once per provider and account for the whole run (JUnit's
 * root store), and refreshed near expiry. They are kept in a token store of the run's own, deleted
 * when the run ends, unless a store directory is named ({@link #store(Path)}, or the configuration
 * parameter {@code loginharness.store}): then later runs and Surefire forks share them through that
 * store and its lock (a stored token is only served to a profile with the same token endpoint and
 * client id). A failure to mint fails the tests that need the token, with the harness's message;
 * the others run.
 */
public final class LoginHarnessExtension
    implements ParameterResolver, TestInstancePostProcessor, ExecutionCondition {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(LoginHarnessExtension.class);
  private static final String DEFAULT_ACCOUNT = "default";

  /** Empty for the annotation form. */
  private final Optional<ExtensionSetup> setup;

  /** The annotation form, for {@code @ExtendWith}: everything comes from {@link HarnessToken}. */
  public LoginHarnessExtension() {
    this.setup = Optional.empty();
  }

  private LoginHarnessExtension(ExtensionSetup setup) {
    this.setup = Optional.of(setup);
  }

  /** The form configured in code, for a provider profile built in code. */
  public static LoginHarnessExtension forProfile(ProviderProfile profile) {
    Objects.requireNonNull(profile, "profile");
    return new LoginHarnessExtension(
        new ExtensionSetup(
            profile.name(), Optional.of(profile), Map.of(), Optional.empty(), b -> b));
  }

  /** The form configured in code, for a built-in provider or a profile file's path. */
  public static LoginHarnessExtension forProvider(String nameOrPath) {
    Objects.requireNonNull(nameOrPath, "nameOrPath");
    if (nameOrPath.isBlank()) {
      throw new IllegalArgumentException("the provider name or path is blank");
    }
    return new LoginHarnessExtension(
        new ExtensionSetup(nameOrPath, Optional.empty(), Map.of(), Optional.empty(), b -> b));
  }

  /** Who logs in as account {@code default}. */
  public LoginHarnessExtension credentials(String username, String password) {
    Objects.requireNonNull(password, "password");
    return credentials(Credentials.of(username, Secret.of(password)));
  }

  /** Who logs in as account {@code default} (a TOTP secret or code command included). */
  public LoginHarnessExtension credentials(Credentials credentials) {
    return account(DEFAULT_ACCOUNT, credentials);
  }

  /** Who logs in as account {@code default}, read only when a login starts. */
  public LoginHarnessExtension credentials(Credentials.Source source) {
    return account(DEFAULT_ACCOUNT, source);
  }

  /**
   * Account {@code default} logs in with the username and password in these environment variables
   * (or system properties of the same names), read when a login starts.
   */
  public LoginHarnessExtension credentialsFromEnv(String usernameVar, String passwordVar) {
    return accountFromEnv(DEFAULT_ACCOUNT, usernameVar, passwordVar, null);
  }

  /** Who logs in as {@code account} (a {@link HarnessToken#account()}); repeatable. */
  public LoginHarnessExtension account(String account, Credentials credentials) {
    Objects.requireNonNull(credentials, "credentials");
    return with(account, new ExtensionSetup.Account(() -> credentials, List.of()));
  }

  /** Who logs in as {@code account}, read only when a login starts. */
  public LoginHarnessExtension account(String account, Credentials.Source source) {
    Objects.requireNonNull(source, "source");
    return with(account, new ExtensionSetup.Account(source, List.of()));
  }

  /**
   * {@code account} logs in with the values of these environment variables (or system properties of
   * the same names), read when a login starts; {@code totpSecretVar} may be {@code null}.
   */
  public LoginHarnessExtension accountFromEnv(
      String account, String usernameVar, String passwordVar, String totpSecretVar) {
    Objects.requireNonNull(usernameVar, "usernameVar");
    Objects.requireNonNull(passwordVar, "passwordVar");
    List<String> variables = new ArrayList<>(List.of(usernameVar, passwordVar));
    if (totpSecretVar != null) {
      variables.add(totpSecretVar);
    }
    return with(
        account,
        new ExtensionSetup.Account(
            () -> Credentials.fromEnv(usernameVar, passwordVar, totpSecretVar),
            List.copyOf(variables)));
  }

  /**
   * Keeps tokens in this store directory, shared by later runs and Surefire forks, instead of a
   * store of the run's own that is deleted when it ends.
   */
  public LoginHarnessExtension store(Path directory) {
    Objects.requireNonNull(directory, "directory");
    return new LoginHarnessExtension(programmatic("store").withStore(directory));
  }

  /**
   * Anything else a {@link LoginHarness.Builder} can set, applied to each account's builder after
   * the extension's own settings: {@code configure(b -> b.timeout(Duration.ofSeconds(30)))}.
   * Repeatable; what it sets wins.
   */
  public LoginHarnessExtension configure(UnaryOperator<LoginHarness.Builder> configure) {
    Objects.requireNonNull(configure, "configure");
    return new LoginHarnessExtension(programmatic("configure").withConfigure(configure));
  }

  private LoginHarnessExtension with(String account, ExtensionSetup.Account credentials) {
    Objects.requireNonNull(account, "account");
    if (account.isBlank()) {
      throw new IllegalArgumentException("the account name is blank");
    }
    return new LoginHarnessExtension(programmatic("account").withAccount(account, credentials));
  }

  private ExtensionSetup programmatic(String method) {
    return setup.orElseThrow(
        () ->
            new IllegalStateException(
                method
                    + "() configures an extension made with forProfile or forProvider,"
                    + " not the one @ExtendWith makes"));
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.findAnnotation(HarnessToken.class).filter(t -> serves(t, context)).isPresent()
        && isTokenType(parameter.getParameter().getType());
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    HarnessToken token = parameter.findAnnotation(HarnessToken.class).orElseThrow();
    try {
      return convert(mint(token, context), parameter.getParameter().getType());
    } catch (HarnessException e) {
      throw new ParameterResolutionException(failure(token, e));
    } catch (ExtensionConfigurationException e) {
      // As it is: JUnit would bury any other exception under "Failed to resolve parameter".
      throw new ParameterResolutionException(e.getMessage());
    }
  }

  @Override
  public void postProcessTestInstance(Object instance, ExtensionContext context) throws Exception {
    for (Class<?> type = instance.getClass(); type != Object.class; type = type.getSuperclass()) {
      for (Field field : type.getDeclaredFields()) {
        HarnessToken token = field.getAnnotation(HarnessToken.class);
        if (token == null || !serves(token, context)) {
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

  /**
   * For the form configured in code, {@link DisabledWithoutCredentials} on the class or test: skips
   * it while a variable of {@link #credentialsFromEnv} or {@link #accountFromEnv} that one of its
   * tokens needs is not set. (The annotation form's variables are checked by the annotation's own
   * condition.)
   */
  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (setup.isEmpty()
        || context.getElement().stream()
            .noneMatch(e -> AnnotationSupport.isAnnotated(e, DisabledWithoutCredentials.class))) {
      return ConditionEvaluationResult.enabled("no login-harness credentials to check");
    }
    Set<String> missing = new LinkedHashSet<>();
    for (HarnessToken token : CredentialsCondition.tokens(context)) {
      ExtensionSetup.Account account =
          serves(token, context) ? setup.get().accounts().get(token.account()) : null;
      if (account != null) {
        for (String var : account.variables()) {
          if (!Credentials.available(var)) {
            missing.add(var);
          }
        }
      }
    }
    return CredentialsCondition.result(missing);
  }

  /**
   * Whether this extension is the one that serves this annotation: one configured in code serves
   * what names no provider or its own; the annotation form what names a provider that no extension
   * configured in code (a {@link RegisterExtension} field of the test class) claims.
   */
  private boolean serves(HarnessToken token, ExtensionContext context) {
    if (setup.isPresent()) {
      return token.provider().isEmpty() || token.provider().equals(setup.get().provider());
    }
    return !token.provider().isEmpty()
        && registeredInCode(context).stream()
            .noneMatch(other -> token.provider().equals(other.setup.orElseThrow().provider()));
  }

  /** The extensions configured in code that the test class registers. */
  private static List<LoginHarnessExtension> registeredInCode(ExtensionContext context) {
    List<LoginHarnessExtension> found = new ArrayList<>();
    Optional<Object> instance = context.getTestInstance();
    for (Class<?> type = context.getTestClass().orElse(Object.class);
        type != Object.class;
        type = type.getSuperclass()) {
      for (Field field : type.getDeclaredFields()) {
        boolean isStatic = Modifier.isStatic(field.getModifiers());
        if (field.getType() != LoginHarnessExtension.class
            || !field.isAnnotationPresent(RegisterExtension.class)
            || (!isStatic && instance.isEmpty())) {
          continue;
        }
        try {
          field.setAccessible(true);
          if (field.get(isStatic ? null : instance.get()) instanceof LoginHarnessExtension other
              && other.setup.isPresent()) {
            found.add(other);
          }
        } catch (IllegalAccessException | RuntimeException e) {
          // Unreadable: JUnit reports the field itself when it registers it.
        }
      }
    }
    return found;
  }

  private TokenSet mint(HarnessToken token, ExtensionContext context) throws HarnessException {
    ExtensionContext.Store run = context.getRoot().getStore(NAMESPACE);
    Duration minValidity = Duration.ofSeconds(token.minValiditySeconds());
    if (setup.isEmpty()) {
      TokenKey key = TokenKey.of(token, context);
      Path store = key.store().map(Path::of).orElseGet(() -> runStore(run));
      return run.getOrComputeIfAbsent(
              key.id(),
              id ->
                  new MintedToken(
                      validity ->
                          LoginHarness.forProvider(key.profile())
                              .account(key.account())
                              .credentials(
                                  Credentials.fromEnv(
                                      key.usernameEnv(), key.passwordEnv(), key.totpSecretEnv()))
                              .minValidity(validity)
                              .store(store)
                              .headless()
                              .build()),
              MintedToken.class)
          .get(minValidity);
    }
    ExtensionSetup own = setup.get();
    String[] envs = {token.usernameEnv(), token.passwordEnv(), token.totpSecretEnv()};
    Optional<String> problem =
        String.join("", envs).isEmpty()
            ? own.problemWith(token.account())
            : Optional.of(
                "usernameEnv, passwordEnv and totpSecretEnv belong to @ExtendWith(LoginHarness"
                    + "Extension.class); give this extension the credentials (credentialsFromEnv,"
                    + " accountFromEnv)");
    if (problem.isPresent()) {
      throw new ExtensionConfigurationException(prefix(token) + ": " + problem.get());
    }
    Path store = own.store().orElseGet(() -> runStore(run));
    // Keyed by this extension: two extensions for two servers under one profile name never share
    // a token, and the tests of one extension share theirs.
    return run.getOrComputeIfAbsent(
            new OwnKey(this, token.account()),
            key -> new MintedToken(validity -> own.harness(token.account(), store, validity)),
            MintedToken.class)
        .get(minValidity);
  }

  /** One account of one extension configured in code; equal only for the same extension. */
  private record OwnKey(LoginHarnessExtension extension, String account) {}

  private static Path runStore(ExtensionContext.Store run) {
    return run.getOrComputeIfAbsent(RunStore.class, type -> new RunStore(), RunStore.class)
        .directory();
  }

  private static boolean isTokenType(Class<?> type) {
    return type == String.class || type == TokenSet.class;
  }

  private static Object convert(TokenSet tokens, Class<?> type) {
    return type == String.class ? tokens.accessToken().reveal() : tokens;
  }

  private String failure(HarnessToken token, HarnessException e) {
    return prefix(token) + " (" + e.getClass().getSimpleName() + "): " + e.getMessage();
  }

  private String prefix(HarnessToken token) {
    return "login-harness could not get a token for "
        + setup.map(ExtensionSetup::provider).orElse(token.provider())
        + "/"
        + token.account();
  }

  /** The provider and accounts; never a credential. */
  @Override
  public String toString() {
    return setup
        .map(
            s ->
                "LoginHarnessExtension["
                    + s.provider()
                    + ", accounts="
                    + s.accounts().keySet()
                    + s.store().map(dir -> ", store=" + dir).orElse("")
                    + "]")
        .orElse("LoginHarnessExtension[annotations]");
  }
}
