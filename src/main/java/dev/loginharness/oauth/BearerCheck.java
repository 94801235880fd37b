package dev.loginharness.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loginharness.secret.Redact;
import dev.loginharness.secret.Secret;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Presents an access token to a bearer-protected URL — DeviantArt's placebo, OIDC userinfo — in the
 * {@code Authorization} header (never the query string, which ends up in logs), and says whether it
 * was accepted. A refused token is an answer, not an error.
 */
public final class BearerCheck {
  private final OkHttpClient http;

  private BearerCheck(OkHttpClient http) {
    this.http = http;
  }

  /** A check that shares the token client's connection pool and timeouts. */
  public static BearerCheck sharing(TokenClient client) {
    return new BearerCheck(client.http());
  }

  /** What a bearer-protected endpoint said of a token. */
  public record Result(boolean accepted, int httpStatus, String detail) {}

  public Result check(URI checkEndpoint, Secret accessToken, Map<String, String> headers)
      throws TokenEndpointException {
    Request.Builder request =
        new Request.Builder()
            .url(checkEndpoint.toString())
            .get()
            .header("Accept", "application/json");
    headers.forEach(request::header);
    request.header("Authorization", "Bearer " + accessToken.reveal());
    try (Response response = http.newCall(request.build()).execute()) {
      String text = Answers.body(response, "check endpoint");
      JsonNode json = Answers.parseJson(text);
      boolean accepted = response.isSuccessful() && !Answers.isError(json);
      String detail =
          accepted
              ? "HTTP " + response.code()
              : "HTTP "
                  + response.code()
                  + (json != null && json.hasNonNull("error")
                      ? " " + json.get("error").asText()
                      : " " + Answers.readable(text));
      return new Result(accepted, response.code(), Redact.text(detail, List.of(accessToken)));
    } catch (IOException e) {
      throw new TokenEndpointException(
          0,
          "network_error",
          "check endpoint " + checkEndpoint + " unreachable: " + e.getClass().getSimpleName(),
          e);
    }
  }
}
