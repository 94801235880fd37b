/**
 * The public Java API: {@link dev.loginharness.api.LoginHarness}, the values it is configured with,
 * its results and its typed errors. Everything a test suite, a program or the command line needs;
 * the packages below it are the implementation.
 *
 * <p>Whose types a user compiles against — the rule, one type per idea:
 *
 * <ul>
 *   <li><b>The API's own</b>: the harness and its builder; the settings a user builds ({@link
 *       dev.loginharness.api.Credentials}, {@link dev.loginharness.api.DriverOverrides}, {@link
 *       dev.loginharness.api.DebugBundles}, {@link dev.loginharness.api.LoginListener}); the
 *       results of operations that {@code flow} carries out ({@link
 *       dev.loginharness.api.LoginTimeline}, {@link dev.loginharness.api.TokenCheck}, {@link
 *       dev.loginharness.api.Revocation}, {@link dev.loginharness.api.MintPlan}, {@link
 *       dev.loginharness.api.MintOutcome}, {@link dev.loginharness.api.StoredEntry}); and the
 *       sealed {@link dev.loginharness.api.HarnessException} family, the only exceptions an API
 *       method throws, with {@link dev.loginharness.api.RedactedCause}, the links of their cause
 *       chains.
 *   <li><b>Reused from the leaf packages, never copied</b>: plain values of the project's
 *       vocabulary — immutable, no machinery behind them — used as they are: {@code
 *       oauth.TokenSet}, {@code oauth.StateBinding}, {@code secret.Secret}, {@code
 *       provider.ProviderProfile}, and the browser choices {@code browser.DriverSettings.Mode} and
 *       {@code DriverSettings.CaptureKind} that {@code DriverOverrides} takes. These are the types
 *       below the API that {@code CliDependenciesTest} lets the command line name (with {@code
 *       Redact}, its own last safety net).
 *   <li><b>Never a {@code flow} or {@code store} type</b>: {@code flow} is the use cases and
 *       changes with them, and it sits below this package, so it cannot use the API's types. Where
 *       it produces a result or a failure the API hands out, the API maps it once: {@code
 *       Mint.Outcome} to {@code MintOutcome} in {@code MintPlan}, {@code Timeline} to {@code
 *       LoginTimeline}, the service's check and revocation results in {@code LoginHarness}, and
 *       every internal exception in {@code ErrorMapping}.
 * </ul>
 *
 * <p>Beside {@code LoginHarness}, package-private: {@code ErrorMapping} (internal failures become
 * {@code HarnessException}s, in one place), {@code LoginSettings} (what every browser login of a
 * harness runs with; drivers.properties plus the overrides become the browsers), {@code
 * BrowserLogin} (one login), {@code MintPlanning} (an accounts file becomes a {@code MintPlan}) and
 * {@code ProfileOverrides} (the profile fields the builder sets, typed until the loader needs
 * JSON).
 */
package dev.loginharness.api;
