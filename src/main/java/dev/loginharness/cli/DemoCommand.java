package dev.loginharness.cli;

import dev.loginharness.demo.DemoProvider;
import dev.loginharness.demo.Redemption;
import dev.loginharness.flow.Credentials;
import dev.loginharness.flow.LoginFlow;
import dev.loginharness.flow.LoginResult;
import dev.loginharness.oauth.TokenClient;
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
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Logs into an embedded demo OAuth provider and prints the tokens.",
        "The provider runs on 127.0.0.1 (a random free port); a headless Chromium logs in and",
        "the tokens are printed on stdout. On stderr: the timeline of the login, ending with the",
        "code's age when the provider redeemed it. Nothing leaves the machine."},
    footer = {"", "Examples:",
        "  login-harness demo",
        "  login-harness demo --app-hop       # Pixiv-style: https callback → demoapp://…?code=",
        "  login-harness demo --headful       # watch it (needs a display)"})
final class DemoCommand implements Callable<Integer> {
  private static final String USER = "alice";

  @Spec
  CommandSpec spec;

  @Option(names = "--app-hop", description = "Redirect through a callback page that sends the browser "
      + "on to a custom scheme (demoapp://account/login?code=…), as Pixiv does.")
  boolean appHop;

  @Option(names = "--headful", description = "Show the browser window (the form is still filled for you).")
  boolean headful;

  @Option(names = "--code-lifetime", paramLabel = "MILLIS", defaultValue = "30000",
      description = "How long the provider accepts a code (default ${DEFAULT-VALUE}).")
  long codeLifetimeMillis;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json",
      description = "json (default) | env | token | header.")
  String format;

  @Mixin
  DriverOptionsMixin driver;

  @Override
  public Integer call() throws Exception {
    TokenOutput output = Formats.parse(format);
    PrintWriter err = spec.commandLine().getErr();
    Secret password = Secret.of(randomPassword());
    String redirectUri = "http://127.0.0.1:" + closedPort() + "/callback";
    try (DemoProvider provider = DemoProvider.builder()
        .client("demo-client")
        .redirectUri(redirectUri)
        .appRedirect("demoapp")
        .user(USER, password.reveal())
        .codeLifetime(Duration.ofMillis(codeLifetimeMillis))
        .start()) {
      err.println("demo provider: " + provider.baseUrl() + " (user " + USER + ", callback "
          + (appHop ? provider.appCallbackUri() + " → demoapp://account/login" : redirectUri
              + ", where nothing listens") + ")");
      err.flush();
      ProviderProfile profile = profile(provider, appHop ? provider.appCallbackUri() : redirectUri);
      LoginResult result = new LoginFlow(profile, profile.tokenEndpoint(System::getenv),
          driver.options.browsers(), TokenClient.shared(),
          new LoginFlow.Options(!headful, Optional.of(new Credentials(USER, password)),
              Duration.ofSeconds(60), Duration.ofSeconds(20)))
          .run();
      List<Redemption> redemptions = provider.redemptions();
      if (!redemptions.isEmpty()) {
        Duration age = redemptions.get(redemptions.size() - 1).codeAge();
        result.timeline().duration("code-age-at-redemption", age.toNanos() / 1e6, "measured by the provider");
      }
      err.println(result.timeline().toLine());
      err.flush();
      spec.commandLine().getOut().println(output.render(result.tokens()));
      spec.commandLine().getOut().flush();
    }
    return ExitCodes.OK;
  }

  static ProviderProfile profile(DemoProvider provider, String redirectUri) {
    return ProviderProfile.basic("demo", URI.create(provider.authorizationEndpoint()),
        URI.create(provider.tokenEndpoint()), provider.clientId(), redirectUri, List.of("demoapp://account/login"),
        List.of("profile"));
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
