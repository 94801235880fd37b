package dev.loginharness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loginharness.demo.DemoProvider;
import dev.loginharness.demo.TokenFault;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exit codes a script can act on (issue 19): 75 for a provider that failed for now or could not be
 * reached, 4 for its refusal, 3 when a login is needed — with advice in flags — and stack traces
 * only with LOGIN_HARNESS_DEBUG, never with a secret in them.
 */
class ErrorExitTest {
  private static final String CLIENT_SECRET = "cli-secret-9f8e7d6c";

  @TempDir Path dir;

  private record Run(int exit, String out, String err) {}

  private Run run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(out), new PrintWriter(err), env, args);
    return new Run(exit, out.toString(), err.toString());
  }

  private Path profile(String tokenEndpoint, String clientSecret) throws Exception {
    return Files.writeString(
        dir.resolve("p.json"),
        "{\"name\": \"errs\", \"authorizationEndpoint\": \"http://127.0.0.1:9/authorize\","
            + " \"tokenEndpoint\": \""
            + tokenEndpoint
            + "\", \"clientId\": \"errs\", \"redirectUri\": \"http://127.0.0.1:9/cb\","
            + " \"clientSecret\": \""
            + clientSecret
            + "\"}");
  }

  private Run clientCredentials(Path profile, Map<String, String> env) {
    return run(
        env,
        "client-credentials",
        "--provider",
        profile.toString(),
        "--store",
        dir.resolve("store").toString());
  }

  private static String closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return "http://127.0.0.1:" + socket.getLocalPort() + "/token";
    }
  }

  @Test
  void anUnreachableTokenEndpointExits75InOneLine() throws Exception {
    Run run = clientCredentials(profile(closedPort(), CLIENT_SECRET), Map.of());

    assertEquals(ExitCodes.TEMPORARY, run.exit(), run.err());
    assertEquals(75, run.exit());
    assertEquals(1, run.err().lines().count(), run.err());
    assertTrue(run.err().contains("unreachable"), run.err());
  }

  @Test
  void withDebugTheStackTraceAndItsCausesFollowWithoutTheSecret() throws Exception {
    Run run =
        clientCredentials(profile(closedPort(), CLIENT_SECRET), Map.of("LOGIN_HARNESS_DEBUG", "1"));

    assertEquals(75, run.exit(), run.err());
    assertTrue(run.err().lines().count() > 5, run.err());
    assertTrue(run.err().contains("dev.loginharness.api.TokenEndpointError: "), run.err());
    assertTrue(run.err().contains("Caused by: java.net.ConnectException"), run.err());
    assertTrue(run.err().contains("\tat "), run.err());
    assertFalse(run.err().contains(CLIENT_SECRET), run.err());
  }

  @Test
  void aServerErrorExits75AndARefusalExits4() throws Exception {
    try (DemoProvider provider =
        DemoProvider.builder()
            .client("errs")
            .clientSecret("right-secret-1234")
            .redirectUri("http://127.0.0.1:9/cb")
            .tokenFault(TokenFault.UNAVAILABLE, 1)
            .start()) {
      Path profile = profile(provider.tokenEndpoint(), CLIENT_SECRET);

      Run unavailable = clientCredentials(profile, Map.of());
      Run refused = clientCredentials(profile, Map.of());

      assertEquals(75, unavailable.exit(), unavailable.err());
      assertTrue(unavailable.err().contains("HTTP 503"), unavailable.err());
      assertEquals(4, refused.exit(), refused.err());
      assertTrue(refused.err().contains("invalid_client"), refused.err());
      assertFalse(refused.err().contains(CLIENT_SECRET), refused.err());
    }
  }

  @Test
  void aNeededLoginIsAdvisedInFlagsNotApiMethods() throws Exception {
    Path profile = profile("http://127.0.0.1:9/token", CLIENT_SECRET);
    String store = dir.resolve("store").toString();

    Run token = run(Map.of(), "token", "--provider", profile.toString(), "--store", store);
    Run refresh = run(Map.of(), "refresh", "--provider", profile.toString(), "--store", store);

    assertEquals(3, token.exit(), token.err());
    assertEquals(
        "login-harness: no tokens stored for errs/default; run login-harness login"
            + " (or pass --login-if-needed)",
        token.err().strip());
    assertEquals(3, refresh.exit(), refresh.err());
    assertEquals(
        "login-harness: no tokens stored for errs/default; run login-harness login",
        refresh.err().strip());
  }
}
