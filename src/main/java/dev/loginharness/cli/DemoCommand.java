package dev.loginharness.cli;

import dev.loginharness.api.Credentials;
import dev.loginharness.api.LoginHarness;
import dev.loginharness.api.LoginTimeline;
import dev.loginharness.demo.DemoProvider;
import dev.loginharness.demo.Redemption;
import dev.loginharness.oauth.StateBinding;
import dev.loginharness.oauth.TokenSet;
import dev.loginharness.provider.ProviderProfile;
import dev.loginharness.secret.Secret;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Logs into an embedded demo OAuth provider and prints the tokens.",
      "The provider runs on 127.0.0.1 (a random free port); a headless Chromium logs in and "
          + "the tokens are printed on stdout. On stderr: the timeline of the login, ending "
          + "with the code's age when the provider redeemed it. Nothing leaves the machine."
    },
    footer = {
      "",
      "Examples:",
      "  login-harness demo",
      "  login-harness demo --app-hop       # Pixiv-style: https callback → demoapp://…?code=",
      "  login-harness demo --headful       # watch it (needs a display)"
    })
final class DemoCommand implements Callable<Integer> {
  private static final String USER = "alice";

  @Spec CommandSpec spec;

  @Option(
      names = "--app-hop",
      description =
          "Log in as to Pixiv's app: no state sent or given back, "
              + "the sign-in page on another host name, and a callback page that sends the browser on to a "
              + "custom scheme (demoapp://account/login?code=…).")
  boolean appHop;

  @Option(
      names = "--headful",
      description =
          "A visible window where you sign in, as a person "
              + "does in a first login: the user and this run's throw-away password are printed on stderr.")
  boolean headful;

  @Option(
      names = "--code-lifetime",
      paramLabel = "MILLIS",
      defaultValue = "30000",
      description = "How long the provider accepts a code (default ${DEFAULT-VALUE}).")
  long codeLifetimeMillis;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "json",
      description = "json (default) | env | token | header.")
  String format;

  @Mixin DriverOptionsMixin driver;

  @Override
  public Integer call() throws Exception {
    TokenOutput output = Formats.parse(format);
    PrintWriter err = spec.commandLine().getErr();
    Secret password = Secret.of(randomPassword());
    String redirectUri = "http://127.0.0.1:" + closedPort() + "/callback";
    try (DemoProvider provider =
        DemoProvider.builder()
            .client("demo-client")
            .redirectUri(redirectUri)
            .appRedirect("demoapp")
            .user(USER, password.reveal())
            .codeLifetime(Duration.ofMillis(codeLifetimeMillis))
            .start()) {
      // Headful, a person types the password, so it must be shown; it is this run's, random,
      // and valid only at this loopback provider while the command runs.
      err.println(
          "demo provider: "
              + provider.baseUrl()
              + " (user "
              + USER
              + (headful ? ", password " + password.reveal() : "")
              + ", callback "
              + (appHop
                  ? provider.appCallbackUri() + " → demoapp://account/login"
                  : redirectUri + ", where nothing listens")
              + ")");
      err.flush();
      ProviderProfile profile = appHop ? appProfile(provider) : profile(provider, redirectUri);
      AtomicReference<LoginTimeline> timeline = new AtomicReference<>();
      LoginHarness.Builder harness =
          LoginHarness.forProfile(profile)
              .credentials(Credentials.of(USER, password))
              .timeout(Duration.ofSeconds(headful ? 600 : 60))
              .stepTimeout(Duration.ofSeconds(10))
              .noStore()
              .listener(
                  new StderrListener(err, false) {
                    @Override
                    public void loginFinished(LoginTimeline t) {
                      timeline.set(t);
                    }
                  });
      TokenSet tokens =
          driver.options.applyTo(headful ? harness.headful() : harness.headless()).build().login();
      List<Redemption> redemptions = provider.redemptions();
      LoginTimeline line = timeline.get();
      if (!redemptions.isEmpty()) {
        line =
            line.withDuration(
                "code-age-at-redemption",
                redemptions.get(redemptions.size() - 1).codeAge(),
                "measured by the provider");
      }
      err.println(line.toLine());
      err.flush();
      spec.commandLine().getOut().println(output.render(tokens));
      spec.commandLine().getOut().flush();
    }
    return ExitCodes.OK;
  }

  static ProviderProfile profile(DemoProvider provider, String redirectUri) {
    return ProviderProfile.basic(
        "demo",
        URI.create(provider.authorizationEndpoint()),
        URI.create(provider.tokenEndpoint()),
        provider.clientId(),
        redirectUri,
        List.of("demoapp://account/login"),
        List.of("profile"));
  }

  /** Pixiv's app login as Pixiv runs it: no state sent, none echoed, the code bound by PKCE. */
  static ProviderProfile appProfile(DemoProvider provider) {
    return ProviderProfile.basic(
            "demo",
            URI.create(provider.appAuthorizationEndpoint()),
            URI.create(provider.tokenEndpoint()),
            provider.clientId(),
            provider.appCallbackUri(),
            List.of("demoapp://account/login"),
            List.of())
        .withState(StateBinding.NOT_ECHOED);
  }

  /** A loopback port with nothing listening: the callback must be caught without a server. */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String randomPassword() {
    byte[] bytes = new byte[12];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toLowerCase(Locale.ROOT);
  }
}
