package dev.loginharness.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DemoServerTest {
  @Test
  void flagsConfigureTheProvider() throws Exception {
    try (DemoProvider provider =
        DemoServer.start(
            new String[] {
              "--client",
              "cli",
              "--client-secret",
              "pssst",
              "--redirect-uri",
              "http://127.0.0.1:9/cb",
              "--user",
              "bob:pa:ss",
              "--deviantart-style",
              "--consent-page",
              "--allow-implicit",
              "--access-token-lifetime",
              "120",
              "--page-latency",
              "1"
            })) {
      String text = provider.toString();
      assertTrue(
          text.contains("confidential")
              && text.contains("deviantArtStyle")
              && text.contains("consentPage")
              && text.contains("allowImplicit"),
          text);
      assertFalse(text.contains("pssst") || text.contains("pa:ss"), text);
      String line = DemoServer.describe(provider);
      assertEquals(provider.baseUrl(), LoopbackClient.json(line, "base_url"));
      assertEquals(provider.issuer(), LoopbackClient.json(line, "issuer"));

      LoopbackClient client = new LoopbackClient(provider);
      HttpResponse<String> token =
          client.postForm(
              provider.tokenEndpoint(),
              Map.of(
                  "grant_type",
                  "client_credentials",
                  "client_id",
                  "cli",
                  "client_secret",
                  "pssst"));
      assertEquals("120", LoopbackClient.json(token.body(), "expires_in"));
      assertEquals("success", LoopbackClient.json(token.body(), "status"));
    }
  }

  @Test
  void badFlagsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> DemoServer.start(new String[] {"--nope"}));
    assertThrows(IllegalArgumentException.class, () -> DemoServer.start(new String[] {"--client"}));
    assertThrows(
        IllegalArgumentException.class,
        () -> DemoServer.start(new String[] {"--user", "nopassword"}));
    assertThrows(
        IllegalArgumentException.class,
        () -> DemoServer.start(new String[] {"--access-token-lifetime", "soon"}));
    assertThrows(
        IllegalArgumentException.class,
        () -> DemoServer.start(new String[] {"--page-latency", "a while"}));
    assertThrows(
        IllegalStateException.class, () -> DemoServer.start(new String[] {"--client", "c"}));
  }

  @Test
  void processPrintsOneJsonLineServesAndStopsAtStdinEof() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                DemoServer.class.getName(),
                "--client",
                "demo-client",
                "--redirect-uri",
                "http://127.0.0.1:9/cb",
                "--user",
                "alice:wonderland")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      assertTrue(
          line != null && line.startsWith("{\"base_url\":\"http://127.0.0.1:"),
          String.valueOf(line));
      for (String field : List.of("authorization_endpoint", "token_endpoint", "issuer")) {
        assertTrue(LoopbackClient.json(line, field) != null, field + " in " + line);
      }
      assertFalse(line.contains("wonderland"));
      String base = LoopbackClient.json(line, "base_url");
      HttpResponse<String> discovery =
          new LoopbackClient(null).get(base + "/.well-known/openid-configuration");
      assertEquals(200, discovery.statusCode());

      process.getOutputStream().close();
      assertTrue(process.waitFor(10, TimeUnit.SECONDS), "stdin EOF stops the server");
      assertEquals(0, process.exitValue());
    } finally {
      process.destroyForcibly();
    }
  }
}
