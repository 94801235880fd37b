package dev.loginharness.flow;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loginharness.demo.DemoProvider;
import dev.loginharness.e2e.Cli;
import dev.loginharness.oauth.TokenClient;
import dev.loginharness.oauth.TokenSet;
import dev.loginharness.provider.ProviderProfile;
import dev.loginharness.secret.Secret;
import dev.loginharness.store.TokenStore;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Alice's tokens from a demo provider without a browser: its real code flow over loopback HTTP
 * (authorize, sign in, redeem), and the command line in a JVM of its own.
 */
final class DemoSignIn {
  static final String REDIRECT = "http://127.0.0.1:9/cb";

  /** RFC 7636 Appendix B. */
  private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

  private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

  private DemoSignIn() {}

  /** A provider with client {@code faults}, user alice and access tokens of this lifetime. */
  static DemoProvider start(Duration accessTokenLifetime) throws Exception {
    return DemoProvider.builder()
        .client("faults")
        .redirectUri(REDIRECT)
        .user("alice", "wonderland")
        .accessTokenLifetime(accessTokenLifetime)
        .start();
  }

  static ProviderProfile profile(DemoProvider provider) {
    return ProviderProfile.basic(
        "faults",
        URI.create(provider.authorizationEndpoint()),
        URI.create(provider.tokenEndpoint()),
        "faults",
        REDIRECT,
        List.of(),
        List.of());
  }

  /** The same profile as a file, for the command line. */
  static Path profileFile(DemoProvider provider, Path file) throws Exception {
    return Files.writeString(
        file,
        "{\"name\": \"faults\", \"authorizationEndpoint\": \""
            + provider.authorizationEndpoint()
            + "\", \"tokenEndpoint\": \""
            + provider.tokenEndpoint()
            + "\", \"clientId\": \"faults\", \"redirectUri\": \""
            + REDIRECT
            + "\"}");
  }

  static TokenSet tokens(DemoProvider provider, ProviderProfile profile) throws Exception {
    HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    String authorize =
        provider.authorizationEndpoint()
            + "?response_type=code&client_id=faults&state=st-1&code_challenge_method=S256"
            + "&code_challenge="
            + CHALLENGE
            + "&redirect_uri="
            + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8);
    String page =
        http.send(
                HttpRequest.newBuilder(URI.create(authorize)).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Matcher requestId = Pattern.compile("name=\"request_id\" value=\"([^\"]+)\"").matcher(page);
    assertTrue(requestId.find(), page);
    HttpResponse<String> signedIn =
        http.send(
            HttpRequest.newBuilder(URI.create(provider.baseUrl() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "username=alice&password=wonderland&request_id="
                            + URLEncoder.encode(requestId.group(1), StandardCharsets.UTF_8)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String location = signedIn.headers().firstValue("Location").orElseThrow();
    Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(location);
    assertTrue(code.find(), location);
    return TokenClient.shared()
        .exchangeCode(
            profile.tokenEndpoint(name -> null),
            Secret.of(code.group(1)),
            REDIRECT,
            Secret.of(VERIFIER));
  }

  /** Until the token has less than half its life left: a refresh is then due. */
  static void waitUntilHalfExpired(TokenSet tokens, Duration lifetime) throws Exception {
    long wait =
        Duration.between(Instant.now(), tokens.expiresAt().orElseThrow())
            .minus(lifetime.dividedBy(2))
            .plusMillis(200)
            .toMillis();
    Thread.sleep(Math.max(0, wait));
  }

  /** The command line in a JVM of its own, with {@code store} as its token store. */
  static Process cli(Path store, String... args) throws Exception {
    return Cli.start(Map.of(TokenStore.DIRECTORY_VARIABLE, store.toString()), args);
  }
}
