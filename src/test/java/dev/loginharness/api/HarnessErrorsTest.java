package dev.loginharness.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loginharness.demo.DemoProvider;
import dev.loginharness.demo.TokenFault;
import dev.loginharness.provider.ProviderProfile;
import dev.loginharness.secret.Secret;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Errors a program can act on (issue 19): the kind to switch over, the OAuth error and HTTP status
 * of a refusal, temporary failures told apart, causes and stack traces kept — and no secret in any
 * of them. Against the demo provider on loopback, and a port where nothing listens.
 */
class HarnessErrorsTest {
  private static final String REFRESH_TOKEN = "made-up-refresh-token-4711";
  private static final String CLIENT_SECRET = "client-secret-0815-abc";

  @TempDir Path store;
  private DemoProvider provider;

  @AfterEach
  void stop() {
    if (provider != null) {
      provider.close();
    }
  }

  private static ProviderProfile profile(String tokenEndpoint) {
    return ProviderProfile.basic(
        "errors",
        URI.create("http://127.0.0.1:9/authorize"),
        URI.create(tokenEndpoint),
        "errors",
        "http://127.0.0.1:9/cb",
        List.of(),
        List.of());
  }

  private LoginHarness harness(String tokenEndpoint) throws ConfigurationError {
    return LoginHarness.forProfile(profile(tokenEndpoint)).store(store).build();
  }

  private String demo(Optional<TokenFault> fault) throws Exception {
    DemoProvider.Builder builder =
        DemoProvider.builder().client("errors").redirectUri("http://127.0.0.1:9/cb");
    fault.ifPresent(f -> builder.tokenFault(f, 5));
    provider = builder.start();
    return provider.tokenEndpoint();
  }

  private static String trace(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  /** What a Java 17 caller writes: a plain switch over the kind. */
  private static String advice(HarnessException e) {
    return switch (e.kind()) {
      case LOGIN_NEEDED_OR_FAILED -> "log in again";
      case TEMPORARY_FAILURE -> "try later";
      case TOKEN_ENDPOINT_REFUSED -> "the provider refused";
      case CONFIGURATION, BROWSER_UNAVAILABLE, CHALLENGE_REQUIRED -> "other";
    };
  }

  @Test
  void aRefusalCarriesTheOAuthErrorItsDescriptionAndTheStatus() throws Exception {
    LoginHarness harness = harness(demo(Optional.empty()));

    TokenEndpointError e =
        assertThrows(TokenEndpointError.class, () -> harness.refresh(Secret.of(REFRESH_TOKEN)));

    assertEquals(Optional.of("invalid_grant"), e.error());
    assertEquals(OptionalInt.of(400), e.httpStatus());
    assertTrue(e.errorDescription().isPresent(), e.getMessage());
    assertTrue(e.getMessage().contains(e.errorDescription().get()), e.getMessage());
    assertFalse(e.temporary());
    assertEquals(HarnessException.Kind.TOKEN_ENDPOINT_REFUSED, e.kind());
    assertEquals("the provider refused", advice(e));
    assertTrue(e.getStackTrace().length > 0, "a stack trace through the API");
    RedactedCause cause = assertInstanceOf(RedactedCause.class, e.getCause());
    assertEquals("dev.loginharness.oauth.TokenEndpointException", cause.className());
    assertTrue(cause.getStackTrace().length > 0);
    assertFalse(trace(e).contains(REFRESH_TOKEN), trace(e));
  }

  @Test
  void aServerErrorIsTemporaryWithItsStatusAndNoOAuthError() throws Exception {
    LoginHarness harness = harness(demo(Optional.of(TokenFault.UNAVAILABLE)));

    TokenEndpointError e =
        assertThrows(TokenEndpointError.class, () -> harness.refresh(Secret.of(REFRESH_TOKEN)));

    assertEquals(OptionalInt.of(503), e.httpStatus());
    assertEquals(Optional.empty(), e.error());
    assertTrue(e.temporary());
    assertEquals("try later", advice(e));
  }

  @Test
  void aDroppedConnectionIsTemporary() throws Exception {
    LoginHarness harness = harness(demo(Optional.of(TokenFault.DROP_CONNECTION)));

    TokenEndpointError e =
        assertThrows(TokenEndpointError.class, () -> harness.refresh(Secret.of(REFRESH_TOKEN)));

    assertEquals(HarnessException.Kind.TEMPORARY_FAILURE, e.kind());
    assertEquals(OptionalInt.empty(), e.httpStatus());
  }

  @Test
  void aRefusedConnectionIsTemporaryAndKeepsTheNetworkErrorAsACause() throws Exception {
    LoginHarness harness = harness(closedPortUrl() + "/token");

    TokenEndpointError e =
        assertThrows(TokenEndpointError.class, () -> harness.refresh(Secret.of(REFRESH_TOKEN)));

    assertEquals(HarnessException.Kind.TEMPORARY_FAILURE, e.kind());
    assertEquals(OptionalInt.empty(), e.httpStatus());
    List<String> chain = new java.util.ArrayList<>();
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      chain.add(assertInstanceOf(RedactedCause.class, t).className());
    }
    assertEquals("dev.loginharness.oauth.TokenEndpointException", chain.get(0));
    assertTrue(chain.contains("java.net.ConnectException"), chain.toString());
    assertTrue(trace(e).contains("Caused by: java.net.ConnectException"), trace(e));
    assertFalse(trace(e).contains(REFRESH_TOKEN));
  }

  @Test
  void nothingStoredSaysWhichMethodToCallNotWhichFlag() throws Exception {
    LoginHarness harness = harness("http://127.0.0.1:9/token");

    LoginFailed e = assertThrows(LoginFailed.class, harness::tokenWithoutLogin);

    assertTrue(e.loginNeeded());
    assertEquals("no tokens stored for errors/default", e.reason());
    assertEquals(
        "no tokens stored for errors/default; log in with LoginHarness.login(), or call token(),"
            + " which logs in when needed",
        e.getMessage());
    assertEquals("log in again", advice(e));
  }

  @Test
  void aCausesMessageIsRedactedWhateverWroteIt() {
    Exception library =
        new IOException(
            "GET http://127.0.0.1/cb?code=" + REFRESH_TOKEN + " failed",
            new IllegalStateException("{\"client_secret\":\"" + CLIENT_SECRET + "\"}"));

    RedactedCause copy = RedactedCause.of(library);

    assertEquals("java.io.IOException", copy.className());
    assertTrue(copy.getMessage().contains("code=<redacted>"), copy.getMessage());
    assertEquals("java.lang.IllegalStateException", ((RedactedCause) copy.getCause()).className());
    assertFalse(trace(copy).contains(REFRESH_TOKEN), trace(copy));
    assertFalse(trace(copy).contains(CLIENT_SECRET), trace(copy));
    assertEquals(List.of(library.getStackTrace()), List.of(copy.getStackTrace()));
  }

  static String closedPortUrl() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    return "http://127.0.0.1:" + port;
  }
}
