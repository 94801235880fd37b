package dev.loginharness.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loginharness.secret.Secret;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Talks to a token endpoint: the authorization-code exchange, the refresh and client credentials
 * grants, and RFC 7009 revocation (which authenticates as the token requests do). One shared {@link
 * OkHttpClient} per process (connection pool, explicit timeouts); redirects are not followed, since
 * a token endpoint that redirects a POST carrying a secret is a misconfiguration to report, not to
 * obey.
 */
public final class TokenClient {
  private static final List<String> SECRET_FIELDS =
      List.of("code", "code_verifier", "client_secret", "refresh_token");

  private final OkHttpClient http;
  private final Clock clock;
  private final AtomicBoolean warmedUp = new AtomicBoolean();

  public TokenClient(OkHttpClient http, Clock clock) {
    this.http = http;
    this.clock = clock;
  }

  /** The process-wide client with the system clock. */
  public static TokenClient shared() {
    return Holder.INSTANCE;
  }

  private static final class Holder {
    static final TokenClient INSTANCE =
        new TokenClient(
            new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(30))
                .writeTimeout(Duration.ofSeconds(10))
                .callTimeout(Duration.ofSeconds(60))
                .followRedirects(false)
                .followSslRedirects(false)
                .build(),
            Clock.systemUTC());
  }

  OkHttpClient http() {
    return http;
  }

  /** RFC 6749 §4.1.3 with RFC 7636 §4.5: redeems the code with its verifier. */
  public TokenSet exchangeCode(
      TokenEndpoint endpoint, Secret code, String redirectUri, Secret codeVerifier)
      throws TokenEndpointException {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("code", code.reveal());
    form.put("redirect_uri", redirectUri);
    form.put("code_verifier", codeVerifier.reveal());
    return post(endpoint, form);
  }

  /** RFC 6749 §6. */
  public TokenSet refresh(TokenEndpoint endpoint, Secret refreshToken)
      throws TokenEndpointException {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "refresh_token");
    form.put("refresh_token", refreshToken.reveal());
    return post(endpoint, form);
  }

  /** RFC 6749 §4.4: a token for the client itself; confidential clients only. */
  public TokenSet clientCredentials(TokenEndpoint endpoint, List<String> scopes)
      throws TokenEndpointException {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "client_credentials");
    if (!scopes.isEmpty()) {
      form.put("scope", String.join(" ", scopes));
    }
    return post(endpoint, form);
  }

  /**
   * RFC 7009: revokes one token at {@code revocationEndpoint}, authenticating as the client does at
   * the token endpoint. The profile's extra token parameters are not sent: they belong to token
   * requests.
   *
   * <p>A 2xx answer that is empty or JSON means the token is no longer valid (§2.2: "invalid tokens
   * do not cause an error response"), whatever the JSON says: Keycloak answers a token that is
   * already dead with 200 {@code {"error":"invalid_token"}}, DeviantArt with {@code {"success":
   * true}}. Anything else in a 2xx — an HTML page from a captive portal or a proxy — is no answer
   * from a revocation endpoint, and fails.
   *
   * @param extraParams provider-specific parameters, e.g. DeviantArt's {@code revoke_refresh_only}
   * @return what the provider added to its success, to tell the user (an {@code error} it put in a
   *     200); empty when it said nothing
   */
  public Optional<String> revoke(
      URI revocationEndpoint,
      TokenEndpoint client,
      Secret token,
      Optional<String> tokenTypeHint,
      Map<String, String> extraParams)
      throws TokenEndpointException {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("token", token.reveal());
    tokenTypeHint.ifPresent(h -> form.put("token_type_hint", h));
    form.putAll(extraParams);
    TokenEndpoint target =
        new TokenEndpoint(
            revocationEndpoint,
            client.clientId(),
            client.clientSecret(),
            client.auth(),
            Map.of(),
            client.headers());
    return send(
        target,
        form,
        "revocation endpoint",
        response -> {
          String text = Answers.body(response, "revocation endpoint");
          JsonNode json = Answers.parseJson(text);
          if (!response.isSuccessful()) {
            throw failure("revocation endpoint", response, text, json);
          }
          if (text.isBlank()) {
            return Optional.empty();
          }
          if (json == null || !json.isContainerNode()) {
            String contentType = response.header("Content-Type", "");
            throw new TokenEndpointException(
                response.code(),
                "not_a_revocation_answer",
                "revocation endpoint answered HTTP "
                    + response.code()
                    + " with something that is not JSON"
                    + (contentType.isEmpty() ? "" : " (" + Answers.quote(contentType) + ")")
                    + ": "
                    + Answers.readable(text)
                    + "; the token may still be valid, so it is kept",
                null);
          }
          return Answers.isError(json)
              ? Optional.of(
                  "the provider answered HTTP "
                      + response.code()
                      + " with error \""
                      + Answers.printable(json.path("error").asText("error"))
                      + "\"; RFC 7009 counts that as done")
              : Optional.empty();
        });
  }

  private TokenSet post(TokenEndpoint endpoint, Map<String, String> coreParams)
      throws TokenEndpointException {
    return send(endpoint, coreParams, "token endpoint", this::read);
  }

  /** What to make of the endpoint's answer. */
  private interface ResponseReader<T> {
    T read(Response response) throws IOException, TokenEndpointException;
  }

  private <T> T send(
      TokenEndpoint endpoint, Map<String, String> coreParams, String what, ResponseReader<T> reader)
      throws TokenEndpointException {
    Map<String, String> form = new LinkedHashMap<>(coreParams);
    Map<String, String> headers = new LinkedHashMap<>(endpoint.headers());
    endpoint.auth().apply(endpoint.clientId(), endpoint.clientSecret(), form, headers);
    endpoint.extraParams().forEach(form::putIfAbsent);
    Request request = buildRequest(endpoint.uri().toString(), form, headers);
    try (Response response = http.newCall(request).execute()) {
      return reader.read(response);
    } catch (IOException e) {
      throw new TokenEndpointException(
          0,
          "network_error",
          what
              + " "
              + endpoint.uri()
              + " unreachable: "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : " " + e.getMessage()),
          e);
    } catch (TokenEndpointException e) {
      // A provider may echo what it rejected ("invalid code: abc…"): scrub every value sent.
      List<Secret> sent = new ArrayList<>();
      SECRET_FIELDS.stream()
          .map(form::get)
          .filter(v -> v != null)
          .forEach(v -> sent.add(Secret.of(v)));
      Optional.ofNullable(headers.get("Authorization"))
          .ifPresent(
              v -> {
                sent.add(Secret.of(v));
                sent.add(Secret.of(v.substring(v.indexOf(' ') + 1)));
              });
      throw e.redacted(sent);
    }
  }

  private static Request buildRequest(
      String url, Map<String, String> form, Map<String, String> headers) {
    FormBody.Builder body = new FormBody.Builder();
    form.forEach(body::add);
    Request.Builder request =
        new Request.Builder().url(url).post(body.build()).header("Accept", "application/json");
    headers.forEach(request::header);
    return request.build();
  }

  private TokenSet read(Response response) throws IOException, TokenEndpointException {
    String text = Answers.body(response, "token endpoint");
    JsonNode json = Answers.parseJson(text);
    if (response.isSuccessful() && json != null && json.isObject() && !Answers.isError(json)) {
      return TokenSet.fromResponse(json, clock.instant());
    }
    throw failure("token endpoint", response, text, json);
  }

  private static TokenEndpointException failure(
      String what, Response response, String text, JsonNode json) {
    if (json != null && Answers.isError(json)) {
      String error = json.path("error").asText("error");
      String description =
          json.hasNonNull("error_description") ? json.get("error_description").asText() : "";
      return TokenEndpointException.refused(
          response.code(),
          Answers.printable(error),
          description.isEmpty() ? null : Answers.quote(description),
          what
              + " refused (HTTP "
              + response.code()
              + "): "
              + Answers.quote(error)
              + (description.isEmpty() ? "" : ": " + Answers.quote(description)));
    }
    return TokenEndpointException.answered(
        response.code(),
        "http_" + response.code(),
        answered(what, response, text),
        retryAfter(response));
  }

  /** RFC 9110 §10.2.3: a number of seconds or an HTTP date; empty when absent or unreadable. */
  private static Optional<Duration> retryAfter(Response response) {
    String value = response.header("Retry-After");
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    if (value.trim().matches("[0-9]{1,9}")) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
    }
    try {
      java.time.Instant at =
          java.time.ZonedDateTime.parse(
                  value.trim(), java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
              .toInstant();
      java.util.Date sent = response.headers().getDate("Date");
      java.time.Instant now =
          sent != null
              ? sent.toInstant()
              : java.time.Instant.ofEpochMilli(response.receivedResponseAtMillis());
      Duration wait = Duration.between(now, at);
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * "token endpoint answered HTTP 502 (text/html): Bad Gateway". A body that is JSON cut off on the
   * way is not quoted at all: what arrived of it may be tokens.
   */
  private static String answered(String what, Response response, String text) {
    String contentType = response.header("Content-Type", "");
    String head =
        what
            + " answered HTTP "
            + response.code()
            + (contentType.isEmpty() ? "" : " (" + Answers.quote(contentType) + ")");
    if (!text.isEmpty() && Answers.looksLikeJson(text, contentType)) {
      return head
          + " with a body that is not valid JSON ("
          + text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
          + " bytes)";
    }
    return head + ": " + Answers.readable(text);
  }

  /**
   * Loads and initialises everything the exchange touches — OkHttp's call, connection and codec
   * classes, Jackson's parser — by running one real POST against a throw-away loopback socket.
   * Called on a background thread while the login page loads, so the first real POST after the
   * callback does not pay ~40 ms of class loading. Never contacts the provider.
   */
  public void warmUp() {
    if (!warmedUp.compareAndSet(false, true)) {
      return;
    }
    try (WarmUpResponder responder = WarmUpResponder.start()) {
      Request request =
          buildRequest(
              responder.url(),
              Map.of("grant_type", "warm_up"),
              Map.of("User-Agent", "login-harness-warmup"));
      try (Response response = http.newCall(request).execute()) {
        read(response);
      }
    } catch (IOException | TokenEndpointException | RuntimeException ignored) {
      // Warm-up is an optimisation; the real request reports real problems.
    }
  }
}
