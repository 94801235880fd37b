package dev.loginharness.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link DemoProvider} as a process, for scripts and out-of-process benchmarks:
 *
 * <pre>
 * java -cp login-harness.jar dev.loginharness.demo.DemoServer \
 *     --client demo-client --redirect-uri http://127.0.0.1:8765/callback --user alice:wonderland
 * </pre>
 *
 * Prints one JSON line with the URLs on stdout, then serves until killed or until stdin reaches end
 * of file, so a parent process that dies (closing the pipe) takes the server with it. Usage errors
 * go to stderr with exit code 2. No option value is ever printed: some are secrets.
 */
public final class DemoServer {
  private static final String USAGE =
      "usage: DemoServer --client ID [--client-secret S] --redirect-uri URI"
          + " --user NAME:PASSWORD [--app-redirect SCHEME] [--deviantart-style] [--consent-page]"
          + " [--allow-implicit] [--access-token-lifetime SECONDS] [--username-first] [--totp-secret BASE32]"
          + " [--captcha] [--stay-signed-in-prompt] [--locked-user NAME] [--remember-sign-in] [--page-latency MS]"
          + " [--token-fault KIND:TIMES] [--token-fault-retry-after SECONDS]"
          + " [--shadow-root-form] [--form-in-frame] [--form-in-cross-origin-frame]"
          + " [--terms-checkbox] [--account-picker NAME,NAME…]";

  private DemoServer() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    DemoProvider provider;
    try {
      provider = start(args);
    } catch (IllegalArgumentException | IllegalStateException e) {
      System.err.println("DemoServer: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(provider::close, "demo-server-shutdown"));
    System.out.println(describe(provider));
    System.out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    if (!stdinIsDevNull()) {
      Thread watcher =
          new Thread(
              () -> {
                drain(System.in);
                stopped.countDown();
              },
              "demo-server-stdin");
      watcher.setDaemon(true);
      watcher.start();
    }
    stopped.await();
    provider.close();
    System.exit(0);
  }

  /** Parses the flags and starts the provider; package-private so tests can skip the process. */
  static DemoProvider start(String[] args) throws IOException {
    DemoProvider.Builder builder = DemoProvider.builder();
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      switch (flag) {
        case "--deviantart-style" -> builder.deviantArtStyle(true);
        case "--consent-page" -> builder.consentPage(true);
        case "--allow-implicit" -> builder.allowImplicit(true);
        case "--username-first" -> builder.usernameFirst(true);
        case "--captcha" -> builder.captcha(true);
        case "--stay-signed-in-prompt" -> builder.staySignedInPrompt(true);
        case "--remember-sign-in" -> builder.rememberSignIn(true);
        case "--shadow-root-form" -> builder.shadowRootForm(true);
        case "--form-in-frame" -> builder.formInFrame(true, false);
        case "--form-in-cross-origin-frame" -> builder.formInFrame(true, true);
        case "--terms-checkbox" -> builder.termsCheckbox(true);
        case "--client",
            "--client-secret",
            "--redirect-uri",
            "--user",
            "--app-redirect",
            "--access-token-lifetime",
            "--totp-secret",
            "--locked-user",
            "--account-picker",
            "--page-latency",
            "--token-fault",
            "--token-fault-retry-after" -> {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
          }
          withValue(builder, flag, args[++i]);
        }
        default -> throw new IllegalArgumentException("unknown option " + flag);
      }
    }
    // A script names its client and callback: the fixture's defaults would leave it guessing.
    List<String> given = Arrays.asList(args);
    if (!given.contains("--client")) {
      throw new IllegalStateException("--client is required");
    }
    if (!given.contains("--redirect-uri") && !given.contains("--app-redirect")) {
      throw new IllegalStateException("--redirect-uri or --app-redirect is required");
    }
    return builder.start();
  }

  private static void withValue(DemoProvider.Builder builder, String flag, String value) {
    switch (flag) {
      case "--client" -> builder.client(value);
      case "--client-secret" -> builder.clientSecret(value);
      case "--redirect-uri" -> builder.redirectUri(value);
      case "--app-redirect" -> builder.appRedirect(value);
      case "--totp-secret" -> builder.totpSecret(value);
      case "--locked-user" -> builder.lockedUser(value);
      case "--account-picker" -> builder.accountPicker(value.split(","));
      case "--user" -> {
        int colon = value.indexOf(':');
        if (colon <= 0) {
          throw new IllegalArgumentException("--user needs NAME:PASSWORD");
        }
        builder.user(value.substring(0, colon), value.substring(colon + 1));
      }
      case "--access-token-lifetime" -> {
        try {
          builder.accessTokenLifetime(Duration.ofSeconds(Long.parseLong(value)));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("--access-token-lifetime needs whole seconds");
        }
      }
      case "--page-latency" -> {
        try {
          builder.pageLatency(Duration.ofMillis(Long.parseLong(value)));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("--page-latency needs whole milliseconds");
        }
      }
      case "--token-fault" -> {
        int colon = value.indexOf(':');
        try {
          builder.tokenFault(
              TokenFault.valueOf(value.substring(0, Math.max(0, colon)).toUpperCase(Locale.ROOT)),
              Integer.parseInt(value.substring(colon + 1)));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
          throw new IllegalArgumentException(
              "--token-fault needs KIND:TIMES, KIND one of "
                  + Arrays.toString(TokenFault.values()).toLowerCase(Locale.ROOT));
        }
      }
      case "--token-fault-retry-after" -> {
        try {
          builder.tokenFaultRetryAfter(Duration.ofSeconds(Long.parseLong(value)));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("--token-fault-retry-after needs whole seconds");
        }
      }
      default -> throw new IllegalArgumentException("unknown option " + flag);
    }
  }

  /** The one line printed on stdout: URLs only. */
  static String describe(DemoProvider provider) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("base_url", provider.baseUrl());
    fields.put("authorization_endpoint", provider.authorizationEndpoint());
    fields.put("token_endpoint", provider.tokenEndpoint());
    fields.put("issuer", provider.issuer());
    fields.put("revocation_endpoint", provider.revocationEndpoint());
    fields.put("userinfo_endpoint", provider.userinfoEndpoint());
    fields.put("placebo_endpoint", provider.placeboEndpoint());
    if (provider.redirectUris().stream()
        .anyMatch(uri -> uri.endsWith(DemoProvider.APP_CALLBACK_PATH))) {
      fields.put("app_authorization_endpoint", provider.appAuthorizationEndpoint());
      fields.put("app_callback", provider.appCallbackUri());
    }
    return Json.object(fields);
  }

  private static void drain(InputStream in) {
    byte[] buffer = new byte[1024];
    try {
      while (in.read(buffer) >= 0) {
        // Input is ignored; only its end matters.
      }
    } catch (IOException e) {
      // A broken stdin is as good as a closed one.
    }
  }

  /**
   * A script that starts the server with {@code &} gives it /dev/null as stdin, which is at end of
   * file at once; that must not stop the server. Only detectable on Linux; elsewhere EOF stops.
   */
  private static boolean stdinIsDevNull() {
    try {
      return Files.readSymbolicLink(Path.of("/proc/self/fd/0")).equals(Path.of("/dev/null"));
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }
}
