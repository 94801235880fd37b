package dev.loginharness.browser;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.Capabilities;
import org.openqa.selenium.bidi.BiDi;
import org.openqa.selenium.remote.Command;
import org.openqa.selenium.remote.DriverCommand;
import org.openqa.selenium.remote.HttpCommandExecutor;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.openqa.selenium.remote.Response;
import org.openqa.selenium.remote.http.ClientConfig;

/**
 * A session on a Selenium Grid (or any remote end), with its websocket addresses made usable.
 *
 * <p>A Grid answers the new-session request with {@code webSocketUrl} (BiDi) and {@code se:cdp}
 * naming the address the Grid believes it has: a container's or node's internal host, or its own
 * port behind a port-forward — not necessarily anything this client can reach
 * (SeleniumHQ/selenium#15375). Selenium 4.49's {@link RemoteWebDriver} connects BiDi from that
 * capability inside its constructor, so the address has to be right before the constructor returns.
 * The executor below therefore rewrites both capabilities in the new-session response itself: host
 * and port become those of {@code remote.url} (the one address known to work, as the session was
 * just created through it), the path is kept, the scheme follows {@code remote.url}'s (a
 * TLS-terminating proxy in front of a Grid wants {@code wss}). Everything that reads the
 * capabilities afterwards — the driver's own BiDi, {@link BrowserSession#cdpEndpoint()}, the
 * failure bundle — sees one consistent, reachable address.
 */
final class GridConnection {
  /** Capabilities that carry a websocket address of the remote end. */
  private static final List<String> WEBSOCKET_CAPABILITIES = List.of("webSocketUrl", "se:cdp");

  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

  private GridConnection() {}

  /**
   * Creates the session; its {@code webSocketUrl} and {@code se:cdp} already point at {@code grid}.
   */
  static RemoteWebDriver open(URL grid, Capabilities options) {
    ClientConfig config = ClientConfig.defaultConfig().baseUrl(grid);
    // The driver is told the same ClientConfig: its BiDi client is built from it (baseUri swapped
    // for the websocket address), so credentials or a proxy configured here apply to BiDi too.
    return new RemoteWebDriver(
        new RewritingExecutor(config, URI.create(grid.toString())), options, config);
  }

  /**
   * The session's BiDi connection exists and answers {@code session.status}. Selenium logs and
   * swallows a failed BiDi connect, and a proxy in front of a Grid can accept the websocket yet
   * pass nothing; one round trip at session start tells which, before a login relies on it.
   */
  static boolean bidiAnswers(RemoteWebDriver driver) {
    Optional<BiDi> bidi;
    try {
      bidi = driver.maybeGetBiDi();
    } catch (RuntimeException e) {
      return false;
    }
    if (bidi.isEmpty()) {
      return false;
    }
    try {
      bidi.get()
          .send(
              new org.openqa.selenium.bidi.Command<>("session.status", Map.of(), Map.class),
              PROBE_TIMEOUT);
      return true;
    } catch (RuntimeException noAnswer) {
      return false;
    }
  }

  /**
   * The session's {@code se:cdp} websocket accepts a connection. Only asked when BiDi did not
   * answer: then the capture falls back on CDP, and a CDP address that cannot be opened must read
   * as "no CDP" so that the performance log takes over instead of the login failing.
   */
  static Optional<String> usableCdp(Capabilities caps) {
    if (!(caps.getCapability("se:cdp") instanceof String url) || url.isBlank()) {
      return Optional.empty();
    }
    try {
      WebSocket socket =
          HttpClient.newBuilder()
              .connectTimeout(PROBE_TIMEOUT)
              .build()
              .newWebSocketBuilder()
              .connectTimeout(PROBE_TIMEOUT)
              .buildAsync(URI.create(url), new WebSocket.Listener() {})
              .get(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      socket.abort();
      return Optional.of(url);
    } catch (Exception unreachable) {
      return Optional.empty();
    }
  }

  /**
   * {@code address} with scheme, host and port taken from {@code grid} (http → ws, https → wss) and
   * its own path, query and fragment kept. Unparseable input is returned unchanged: Selenium then
   * reports it the way it always does.
   */
  static String rewrite(String address, URI grid) {
    try {
      URI advertised = new URI(address);
      String scheme = "https".equalsIgnoreCase(grid.getScheme()) ? "wss" : "ws";
      int port =
          grid.getPort() != -1
              ? grid.getPort()
              : "https".equalsIgnoreCase(grid.getScheme()) ? 443 : 80;
      return new URI(
              scheme,
              advertised.getUserInfo(),
              grid.getHost(),
              port,
              advertised.getPath(),
              advertised.getQuery(),
              advertised.getFragment())
          .toString();
    } catch (URISyntaxException | RuntimeException e) {
      return address;
    }
  }

  /**
   * The stock HTTP executor (its protocol handshake, codecs and command table unchanged), except
   * that the new-session response's websocket addresses are rewritten before {@link
   * RemoteWebDriver} turns the response into capabilities and opens BiDi from them.
   */
  private static final class RewritingExecutor extends HttpCommandExecutor {
    private final URI grid;

    RewritingExecutor(ClientConfig config, URI grid) {
      super(config);
      this.grid = grid;
    }

    @Override
    public Response execute(Command command) throws IOException {
      Response response = super.execute(command);
      if (DriverCommand.NEW_SESSION.equals(command.getName())
          && response != null
          && response.getValue() instanceof Map<?, ?> caps) {
        Map<String, Object> rewritten = new LinkedHashMap<>();
        caps.forEach((k, v) -> rewritten.put(String.valueOf(k), v));
        for (String name : WEBSOCKET_CAPABILITIES) {
          if (rewritten.get(name) instanceof String address && !address.isBlank()) {
            rewritten.put(name, rewrite(address.trim(), grid));
          }
        }
        response.setValue(rewritten);
      }
      return response;
    }
  }
}
