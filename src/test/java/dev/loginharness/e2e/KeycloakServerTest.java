package dev.loginharness.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The Keycloak fixture is a working authorization server with the realm the tests expect. */
@Tag("e2e")
class KeycloakServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void discoveryNamesTheIssuer() throws Exception {
    KeycloakServer keycloak = KeycloakServer.shared();
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(keycloak.issuer() + "/.well-known/openid-configuration"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode());
    JsonNode discovery = JSON.readTree(response.body());
    assertEquals(keycloak.issuer(), discovery.path("issuer").asText());
    assertEquals(
        keycloak.issuer() + "/protocol/openid-connect/token",
        discovery.path("token_endpoint").asText());
  }

  @Test
  void confidentialClientGetsATokenWithItsSecret() throws Exception {
    HttpResponse<String> response = clientCredentials(KeycloakServer.CONFIDENTIAL_SECRET);
    assertEquals(200, response.statusCode(), response.body());
    JsonNode token = JSON.readTree(response.body());
    assertFalse(token.path("access_token").asText().isEmpty(), response.body());
    assertEquals("Bearer", token.path("token_type").asText());
  }

  @Test
  void wrongSecretIsRefused() throws Exception {
    HttpResponse<String> response = clientCredentials("not-the-secret");
    // Keycloak's answer (RFC 6749 would say invalid_client), with no WWW-Authenticate challenge.
    assertEquals(401, response.statusCode(), response.body());
    assertEquals(
        "unauthorized_client",
        JSON.readTree(response.body()).path("error").asText(),
        response.body());
  }

  private HttpResponse<String> clientCredentials(String secret) throws Exception {
    String form =
        "grant_type=client_credentials"
            + "&client_id="
            + KeycloakServer.CONFIDENTIAL_CLIENT
            + "&client_secret="
            + URLEncoder.encode(secret, StandardCharsets.UTF_8);
    return http.send(
        HttpRequest.newBuilder(
                URI.create(KeycloakServer.shared().issuer() + "/protocol/openid-connect/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
