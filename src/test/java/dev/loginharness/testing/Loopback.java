package dev.loginharness.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Ports on loopback for tests. */
public final class Loopback {
  private Loopback() {}

  /**
   * A port on 127.0.0.1 that was free a moment ago: nothing listens there (a redirect URI whose
   * request must go nowhere, a refused connection), or a server of the test's about to.
   */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
