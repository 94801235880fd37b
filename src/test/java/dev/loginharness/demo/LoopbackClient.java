package dev.loginharness.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Drives a {@link DemoProvider} over real HTTP, the way a browser and a token client would, without
 * following redirects so every hop can be asserted on.
 */
final class LoopbackClient {
  /** RFC 7636 Appendix B (the challenge is BASE64URL(SHA256(verifier)), checked in PkceTest). */
  static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

  static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

  private static final Pattern REQUEST_ID =
      Pattern.compile("name=\"request_id\" value=\"([^\"]+)\"");

  private final HttpClient http =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final DemoProvider provider;

  LoopbackClient(DemoProvider provider) {
    this.provider = provider;
  }

  /**
   * Authorization URL with sane defaults; entries in {@code overrides} replace or (null) remove
   * them.
   */
  String authorizeUrl(String redirectUri, Map<String, String> overrides) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("response_type", "code");
    params.put("client_id", provider.clientId());
    params.put("redirect_uri", redirectUri);
    params.put("code_challenge", CHALLENGE);
    params.put("code_challenge_method", "S256");
    params.put("state", "st-123");
    overrides.forEach(
        (k, v) -> {
          if (v == null) {
            params.remove(k);
          } else {
            params.put(k, v);
          }
        });
    return provider.authorizationEndpoint() + "?" + form(params);
  }

  /** GET /authorize then POST /login with the given credentials; returns the /login response. */
  HttpResponse<String> signIn(String authorizeUrl, String username, String password) {
    HttpResponse<String> page = get(authorizeUrl);
    assertEquals(200, page.statusCode(), page.body());
    return postForm(
        provider.baseUrl() + "/login",
        Map.of("request_id", requestId(page.body()), "username", username, "password", password));
  }

  /** Signs alice in and returns the code from the redirect. */
  String code(String redirectUri, Map<String, String> overrides) {
    HttpResponse<String> login =
        signIn(authorizeUrl(redirectUri, overrides), "alice", "wonderland");
    assertEquals(302, login.statusCode(), login.body());
    return query(location(login)).get("code");
  }

  HttpResponse<String> redeem(String code, String redirectUri, String verifier, String... headers) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("code", code);
    form.put("redirect_uri", redirectUri);
    form.put("client_id", provider.clientId());
    form.put("code_verifier", verifier);
    return postForm(provider.tokenEndpoint(), form, headers);
  }

  HttpResponse<String> get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
  }

  HttpResponse<String> postForm(String url, Map<String, String> form, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form(form)));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(request.build());
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError("request failed: " + request.uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static String requestId(String html) {
    Matcher m = REQUEST_ID.matcher(html);
    if (!m.find()) {
      throw new AssertionError("no request_id in page:\n" + html);
    }
    return m.group(1);
  }

  static String location(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Location")
        .orElseThrow(() -> new AssertionError("no Location"));
  }

  /** Decoded query parameters of a URL (last one wins; tests assert on single values). */
  static Map<String, String> query(String url) {
    Map<String, String> params = new LinkedHashMap<>();
    String query = URI.create(url).getRawQuery();
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      params.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
    }
    return params;
  }

  /** The string or number value of a top-level JSON field; enough for flat token responses. */
  static String json(String body, String field) {
    Matcher m =
        Pattern.compile("\"" + Pattern.quote(field) + "\":(\"((?:[^\"\\\\]|\\\\.)*)\"|[0-9]+)")
            .matcher(body);
    if (!m.find()) {
      return null;
    }
    return m.group(2) != null ? m.group(2) : m.group(1);
  }

  static String form(Map<String, String> params) {
    return params.entrySet().stream()
        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
