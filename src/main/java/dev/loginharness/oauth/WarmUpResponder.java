package dev.loginharness.oauth;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A throw-away token endpoint on a loopback port that answers one request with a made-up token, for
 * {@link TokenClient#warmUp()}: the exchange's code path runs once, for real, while the browser
 * starts, without contacting the provider. Written on a bare socket so that warming up loads
 * nothing the real exchange would not.
 */
final class WarmUpResponder implements AutoCloseable {
  /**
   * Shaped like an OpenID provider's answer (Keycloak's, say), with fields beyond RFC 6749's of
   * every JSON kind: {@link TokenSet#fromResponse} turns those into plain values through Jackson's
   * databind, whose first use cost the real exchange 30–55 ms of a cold JVM (measured against
   * Keycloak) when the warm-up's answer had none.
   */
  static final String ANSWER =
      """
      {"access_token":"warm-up","token_type":"Bearer","expires_in":1,"refresh_token":"warm-up",\
      "scope":"openid","id_token":"warm.up.token","refresh_expires_in":1800,"not-before-policy":0,\
      "session_state":"warm-up","claims":{"list":[1,2.5,true,null],"name":"warm-up"}}""";

  private final ServerSocket server;

  private WarmUpResponder(ServerSocket server) {
    this.server = server;
  }

  static WarmUpResponder start() throws IOException {
    WarmUpResponder responder =
        new WarmUpResponder(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
    Thread thread = new Thread(responder::answerOnce, "token-client-warmup");
    thread.setDaemon(true);
    thread.start();
    return responder;
  }

  String url() {
    return "http://127.0.0.1:" + server.getLocalPort() + "/token";
  }

  private void answerOnce() {
    try (Socket socket = server.accept()) {
      socket.setSoTimeout(5000);
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[4096];
      int read;
      StringBuilder head = new StringBuilder();
      while (!head.toString().contains("\r\n\r\n") && (read = in.read(buffer)) > 0) {
        head.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
      }
      byte[] json = ANSWER.getBytes(StandardCharsets.UTF_8);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                  + json.length
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.write(json);
      out.flush();
    } catch (IOException ignored) {
      // the client side notices and gives up; nothing to report
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
