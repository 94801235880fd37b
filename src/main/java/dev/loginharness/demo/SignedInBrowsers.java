package dev.loginharness.demo;

import com.sun.net.httpserver.HttpExchange;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Browsers that signed in before, as real providers remember them: a successful sign-in sets a
 * session cookie, and an authorization request from a browser that sends it back is approved at
 * once for the same user, without the sign-in pages. Off unless the provider is built with {@link
 * DemoProvider.Builder#rememberSignIn(boolean)}: with it, a client that reuses one browser for
 * several accounts without isolating them gets the wrong account's code, visibly.
 */
final class SignedInBrowsers {
  static final String COOKIE = "demo_session";

  private final boolean enabled;
  private final Map<String, String> usernames = new ConcurrentHashMap<>();
  private final AtomicInteger recognized = new AtomicInteger();

  SignedInBrowsers(boolean enabled) {
    this.enabled = enabled;
  }

  /** Sets the session cookie on a response that ends a sign-in (before its headers are sent). */
  void remember(HttpExchange exchange, String username) {
    if (!enabled) {
      return;
    }
    String session = Randoms.token();
    usernames.put(session, username);
    exchange
        .getResponseHeaders()
        .add("Set-Cookie", COOKIE + "=" + session + "; Path=/; HttpOnly; SameSite=Lax");
  }

  /** The user this browser signed in as before, from its session cookie. */
  Optional<String> signedIn(HttpExchange exchange) {
    if (!enabled) {
      return Optional.empty();
    }
    for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", List.of())) {
      for (String pair : header.split(";")) {
        String[] kv = pair.trim().split("=", 2);
        if (kv.length == 2 && kv[0].equals(COOKIE) && usernames.containsKey(kv[1])) {
          recognized.incrementAndGet();
          return Optional.of(usernames.get(kv[1]));
        }
      }
    }
    return Optional.empty();
  }

  /** How many authorization requests were approved from a session cookie. */
  int recognizedCount() {
    return recognized.get();
  }
}
