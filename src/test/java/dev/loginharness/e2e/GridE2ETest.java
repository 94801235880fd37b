package dev.loginharness.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loginharness.api.DriverOverrides;
import dev.loginharness.api.LoginHarness;
import dev.loginharness.api.LoginListener;
import dev.loginharness.api.LoginTimeline;
import dev.loginharness.api.MintOutcome;
import dev.loginharness.browser.BrowserLease;
import dev.loginharness.browser.BrowserSession;
import dev.loginharness.browser.Browsers;
import dev.loginharness.browser.Credentials;
import dev.loginharness.browser.DriverSettings;
import dev.loginharness.browser.DriverSettings.CaptureKind;
import dev.loginharness.browser.DriverSettings.Mode;
import dev.loginharness.browser.SharedBrowser;
import dev.loginharness.demo.DemoProvider;
import dev.loginharness.flow.BrowserSources;
import dev.loginharness.flow.CodeExchanger;
import dev.loginharness.flow.LoginFlow;
import dev.loginharness.flow.LoginResult;
import dev.loginharness.oauth.StateBinding;
import dev.loginharness.oauth.TokenClient;
import dev.loginharness.provider.ProviderProfile;
import dev.loginharness.secret.Secret;
import dev.loginharness.testing.Loopback;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.HasCapabilities;

/**
 * mode=remote end to end: a real Selenium Grid standalone (a separate JVM) drives the system's
 * Chromium against the demo provider in this JVM, everything on 127.0.0.1. One Grid serves the
 * whole class; each test checks that its session left no browser behind on the node.
 */
@Tag("e2e")
class GridE2ETest {
  private static final String USER = "alice";
  private static final Secret PASSWORD = Secret.of("correct horse battery staple");

  private static SeleniumGrid grid;

  private DemoProvider provider;

  @BeforeAll
  static void startGrid() throws Exception {
    grid = SeleniumGrid.start("/usr/bin/chromium", "/usr/bin/chromedriver");
  }

  @AfterAll
  static void stopGrid() {
    if (grid != null) {
      grid.close();
    }
  }

  @AfterEach
  void stopAndCheckNoBrowserLeft() throws InterruptedException {
    if (provider != null) {
      provider.close();
    }
    // The node's chromedriver and Chromium run below the Grid JVM: a remote session's close()
    // must have ended them through the Grid. (Only the Grid's own: other suites' local browsers
    // may run on this machine at the same time.)
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!grid.browsers().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertEquals(List.of(), grid.browsers(), "browser processes left behind on the node");
  }

  @Test
  void httpCallbackWhereNothingListens() throws Exception {
    String redirect = "http://127.0.0.1:" + Loopback.freePort() + "/callback";
    provider = start(b -> b.redirectUri(redirect));

    LoginResult result = login(profile(redirect), grid.url(), CaptureKind.AUTO);

    TokenAssertions.belongsTo(provider.userinfoEndpoint(), result.tokens(), USER);
    assertTrue(result.tokens().refreshToken().isPresent());
    assertEquals(1, provider.redemptions().size());
    assertEquals(1, provider.tokenRequestCount());
    // Both websockets (webSocketUrl and se:cdp) work through the Grid's proxy.
    assertEquals("bidi+cdp", result.captureMechanism());
  }

  @Test
  void customSchemeThroughThePixivLikeHop() throws Exception {
    provider = start(b -> b.appRedirect("demoapp"));

    LoginResult result = login(appProfile(), grid.url(), CaptureKind.AUTO);

    TokenAssertions.belongsTo(provider.userinfoEndpoint(), result.tokens(), USER);
    // The code shows up twice (the https-style hop and demoapp://); it is redeemed once.
    assertEquals(1, provider.redemptions().size());
    assertEquals(1, provider.tokenRequestCount());
    assertEquals("bidi+cdp", result.captureMechanism());
  }

  @Test
  void performanceLogThroughTheGrid() throws Exception {
    provider = start(b -> b.appRedirect("demoapp"));

    LoginResult result = login(appProfile(), grid.url(), CaptureKind.PERFLOG);

    TokenAssertions.belongsTo(provider.userinfoEndpoint(), result.tokens(), USER);
    assertEquals(1, provider.redemptions().size());
    assertEquals(1, provider.tokenRequestCount());
    assertEquals("perflog", result.captureMechanism());
  }

  /**
   * SeleniumHQ/selenium#15375: the client reaches the Grid at another address (here a port forward)
   * than the one the Grid puts into {@code webSocketUrl} and {@code se:cdp}. Both are rewritten to
   * the address the client used, so BiDi connects through the forward too.
   */
  @Test
  void websocketAddressesFollowTheUrlTheClientUsed() throws Exception {
    try (PortForward forward = new PortForward(grid.port(), false)) {
      String via = "http://127.0.0.1:" + forward.port();
      try (BrowserSession session = browsers(via, CaptureKind.AUTO).launch(true)) {
        String prefix = "ws://127.0.0.1:" + forward.port() + "/session/";
        Object webSocketUrl =
            ((HasCapabilities) session.driver()).getCapabilities().getCapability("webSocketUrl");
        assertTrue(String.valueOf(webSocketUrl).startsWith(prefix), "webSocketUrl " + webSocketUrl);
        assertTrue(
            session.cdpEndpoint().orElseThrow().startsWith(prefix),
            "se:cdp " + session.cdpEndpoint());
        assertTrue(session.hasBidi(), "BiDi answered through the forward");
        assertTrue(forward.websocketUpgrades() >= 1, "no websocket went through the forward");
      }
    }
  }

  /**
   * mint through the Grid: each of the two workers gets a Grid session of its own (the node has two
   * slots), and a worker's next account logs in in a fresh user context of its session.
   */
  @Test
  void mintGivesEachWorkerAGridSessionOfItsOwn(@TempDir Path dir) throws Exception {
    String redirect = "http://127.0.0.1:" + Loopback.freePort() + "/callback";
    provider = start(b -> b.redirectUri(redirect).user("bea", "bea-Pw-4471"));
    Path profile =
        Files.writeString(
            dir.resolve("demo.json"),
            new ObjectMapper()
                .writeValueAsString(
                    Map.of(
                        "name",
                        "demo",
                        "clientId",
                        provider.clientId(),
                        "authorizationEndpoint",
                        provider.authorizationEndpoint(),
                        "tokenEndpoint",
                        provider.tokenEndpoint(),
                        "redirectUri",
                        redirect)));
    Files.writeString(dir.resolve("alice.pw"), PASSWORD.reveal());
    Files.writeString(dir.resolve("bea.pw"), "bea-Pw-4471");
    Path accounts =
        Files.writeString(
            dir.resolve("accounts.csv"),
            "account,username,password_file\n"
                + "a1,alice,alice.pw\na2,bea,bea.pw\na3,alice,alice.pw\n");
    List<String> timelines = new CopyOnWriteArrayList<>();
    LoginHarness harness =
        LoginHarness.forProvider(profile.toString())
            .store(dir.resolve("store"))
            .driverOverrides(
                DriverOverrides.builder()
                    .mode(DriverSettings.Mode.REMOTE)
                    .remoteUrl(grid.url())
                    .build())
            .listener(
                new LoginListener() {
                  @Override
                  public void loginFinished(LoginTimeline timeline) {
                    timelines.add(timeline.toLine());
                  }
                })
            .build();

    List<MintOutcome> outcomes = harness.planMint(accounts, 2).run(o -> {});

    outcomes.forEach(o -> assertTrue(o.ok(), o.toString()));
    assertEquals(3, timelines.size(), timelines.toString());
    assertEquals(
        2,
        timelines.stream().filter(t -> !t.contains("(reused, ")).count(),
        "one Grid session per worker: " + timelines);
    assertEquals(3, provider.redemptions().size());
  }

  /**
   * Issue 14's Grid case: the built-in pixiv profile against Pixiv's app login as Pixiv runs it
   * (docs/providers.md, "Pixiv"), four accounts through the Grid, one with a wrong password.
   */
  @Test
  void pixivMintThroughTheGridGivesThreeTokensAndExit3(@TempDir Path dir) throws Exception {
    DemoProvider.Builder builder = PixivLike.provider();
    Map<String, String> env = new java.util.HashMap<>();
    StringBuilder accounts = new StringBuilder("account,username,password_env\n");
    for (int i = 1; i <= 4; i++) {
      builder.user("u" + i, "u" + i + "-Pw-5521");
      env.put("PW_U" + i, i == 3 ? "wrong-Pw-5521" : "u" + i + "-Pw-5521");
      accounts.append("u").append(i).append(",u").append(i).append(",PW_U").append(i).append('\n');
    }
    provider = builder.start();
    Path profile = PixivLike.profile(provider, dir.resolve("pixiv.json"), Map.of());

    Cli.Run run =
        Cli.run(
            env,
            null,
            "mint",
            "--provider",
            profile.toString(),
            "--accounts",
            Files.writeString(dir.resolve("accounts.csv"), accounts).toString(),
            "--parallel",
            "2",
            "--store",
            dir.resolve("store").toString(),
            "--driver-mode",
            "remote",
            "--remote-url",
            grid.url());

    assertEquals(3, run.exit(), run.err());
    assertTrue(run.err().contains("mint: 3 of 4 accounts ok, 1 failed (u3)"), run.err());
    assertEquals(3, provider.redemptions().size());
    for (String ok : List.of("u1", "u2", "u4")) {
      TokenAssertions.belongsTo(
          provider.userinfoEndpoint(),
          new ObjectMapper()
              .readTree(dir.resolve("store/pixiv/" + ok + ".json").toFile())
              .path("access_token")
              .asText(),
          ok);
    }
  }

  /**
   * On a Grid the logins of a shared browser take turns in its one session: a login whose form
   * filler does not stop would type into the next login's page, so the next login gets a fresh
   * browser.
   */
  @Test
  void onAGridAFormFillerThatDoesNotStopMeansAFreshBrowser() throws Exception {
    Thread stuck =
        new Thread(
            () -> {
              try {
                Thread.sleep(Duration.ofSeconds(30).toMillis());
              } catch (InterruptedException e) {
                // the test is over
              }
            });
    stuck.setDaemon(true);
    stuck.start();
    try (SharedBrowser browser = new SharedBrowser(browsers(grid.url(), CaptureKind.AUTO))) {
      try (BrowserLease first = browser.lease(true)) {
        first.filler(stuck);
      }
      try (BrowserLease second = browser.lease(true)) {
        assertFalse(second.reused());
      }
      assertEquals(2, browser.launches());
    } finally {
      stuck.interrupt();
    }
  }

  /**
   * A proxy in front of the Grid that passes HTTP but no websockets: the performance log takes
   * over.
   */
  @Test
  void gridWithoutWebsocketsFallsBackOnThePerformanceLog() throws Exception {
    provider = start(b -> b.appRedirect("demoapp"));
    try (PortForward forward = new PortForward(grid.port(), true)) {
      LoginResult result =
          login(appProfile(), "http://127.0.0.1:" + forward.port(), CaptureKind.AUTO);

      assertEquals("perflog", result.captureMechanism());
      assertEquals(1, provider.tokenRequestCount());
      assertTrue(forward.websocketUpgrades() >= 1, "BiDi was never tried");
    }
  }

  private DemoProvider start(UnaryOperator<DemoProvider.Builder> config) throws IOException {
    return config
        .apply(DemoProvider.builder().client("demo-client").user(USER, PASSWORD.reveal()))
        .start();
  }

  private ProviderProfile profile(String redirectUri, String... aliases) {
    return ProviderProfile.basic(
        "demo",
        URI.create(provider.authorizationEndpoint()),
        URI.create(provider.tokenEndpoint()),
        provider.clientId(),
        redirectUri,
        List.of(aliases),
        List.of("profile"));
  }

  /**
   * Pixiv's app login on the demo provider (docs/providers.md, "Pixiv"), as the pixiv profile logs
   * in.
   */
  private ProviderProfile appProfile() {
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

  private static Browsers browsers(String remoteUrl, CaptureKind capture) {
    DriverSettings settings =
        DriverSettings.defaults()
            .override(
                Optional.of(Mode.REMOTE),
                Optional.empty(),
                Optional.empty(),
                List.of(),
                Optional.of(remoteUrl),
                Optional.of(capture));
    return new Browsers(settings, System.getenv());
  }

  private static LoginResult login(ProviderProfile profile, String remoteUrl, CaptureKind capture)
      throws Exception {
    return new LoginFlow(
            profile,
            BrowserSources.of(browsers(remoteUrl, capture)),
            CodeExchanger.at(TokenClient.shared(), profile.tokenEndpoint(System::getenv)),
            new LoginFlow.Options(
                true,
                Optional.of(new Credentials(USER, PASSWORD)),
                Duration.ofSeconds(60),
                Duration.ofSeconds(20)))
        .run();
  }

  /**
   * A TCP port forward on loopback to the Grid: the client's view of a Grid behind a gateway or a
   * container port mapping. Counts websocket handshakes, and can refuse them like a proxy that does
   * not pass websockets. Only a connection's first request is looked at, which is enough: a
   * websocket handshake opens a connection of its own.
   */
  private static final class PortForward implements AutoCloseable {
    private final ServerSocket server;
    private final int target;
    private final boolean refuseWebsockets;
    private final AtomicInteger upgrades = new AtomicInteger();

    PortForward(int target, boolean refuseWebsockets) throws IOException {
      this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
      this.target = target;
      this.refuseWebsockets = refuseWebsockets;
      Thread accept = new Thread(this::acceptLoop, "port-forward-" + server.getLocalPort());
      accept.setDaemon(true);
      accept.start();
    }

    int port() {
      return server.getLocalPort();
    }

    int websocketUpgrades() {
      return upgrades.get();
    }

    private void acceptLoop() {
      while (!server.isClosed()) {
        try {
          Socket client = server.accept();
          Thread t = new Thread(() -> forward(client), "port-forward-conn");
          t.setDaemon(true);
          t.start();
        } catch (IOException closed) {
          return;
        }
      }
    }

    private void forward(Socket client) {
      try (client;
          Socket upstream = new Socket(InetAddress.getByName("127.0.0.1"), target)) {
        InputStream in = client.getInputStream();
        byte[] head = readHead(in);
        String text = new String(head, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        if (text.contains("upgrade: websocket")) {
          upgrades.incrementAndGet();
          if (refuseWebsockets) {
            client
                .getOutputStream()
                .write(
                    ("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n"
                            + "Connection: close\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
            return;
          }
        }
        upstream.getOutputStream().write(head);
        Thread back = new Thread(() -> pump(upstream, client), "port-forward-back");
        back.setDaemon(true);
        back.start();
        pump(client, upstream);
        back.join();
      } catch (IOException | InterruptedException ignored) {
        // one side went away; the sockets are closed above
      }
    }

    /** Reads up to the end of the first request's header (or whatever arrived first). */
    private static byte[] readHead(InputStream in) throws IOException {
      java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream();
      int last4 = 0;
      int b;
      while ((b = in.read()) != -1) {
        head.write(b);
        last4 = (last4 << 8) | b;
        if (last4 == 0x0d0a0d0a) {
          break;
        }
      }
      return head.toByteArray();
    }

    private static void pump(Socket from, Socket to) {
      try {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        byte[] buffer = new byte[16384];
        int n;
        while ((n = in.read(buffer)) != -1) {
          out.write(buffer, 0, n);
          out.flush();
        }
        to.shutdownOutput();
      } catch (IOException closed) {
        // the other direction notices on its own
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }
}
