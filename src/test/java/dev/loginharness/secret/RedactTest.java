package dev.loginharness.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedactTest {
  @Test
  void redactsCodeAndStateButKeepsPathAndOtherParams() {
    assertEquals(
        "https://x.example/cb?code=<redacted>&state=<redacted>&via=login",
        Redact.url("https://x.example/cb?code=abc&state=def&via=login"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "code",
        "state",
        "access_token",
        "refresh_token",
        "code_verifier",
        "client_secret",
        "password",
        "id_token"
      })
  void redactsSecretParamInQuery(String name) {
    String redacted = Redact.url("https://x.example/path/cb?via=login&" + name + "=s3cr3tValue");

    assertEquals("https://x.example/path/cb?via=login&" + name + "=<redacted>", redacted);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "code",
        "state",
        "access_token",
        "refresh_token",
        "code_verifier",
        "client_secret",
        "password"
      })
  void redactsSecretParamInFragment(String name) {
    String redacted = Redact.url("https://x.example/cb#" + name + "=s3cr3tValue&token_type=bearer");

    assertEquals("https://x.example/cb#" + name + "=<redacted>&token_type=bearer", redacted);
  }

  @Test
  void redactsSecretAsFirstParamAfterQuestionMark() {
    assertEquals(
        "pixiv://account/login?code=<redacted>&via=login",
        Redact.url("pixiv://account/login?code=abc-DEF_123&via=login"));
  }

  @Test
  void parameterNamesMatchCaseInsensitively() {
    assertEquals(
        "https://x.example/cb?Code=<redacted>", Redact.url("https://x.example/cb?Code=abc"));
  }

  @Test
  void redactsUrlsEmbeddedInText() {
    String text = "navigation to http://127.0.0.1:9/cb?code=abc123&state=xyz failed";

    assertEquals(
        "navigation to http://127.0.0.1:9/cb?code=<redacted>&state=<redacted> failed",
        Redact.url(text));
  }

  @Test
  void paramsWhoseNamesMerelyContainSecretNamesAreKept() {
    String url = "https://x.example/cb?codec=h264&response_type=code&statement=1";

    assertEquals(url, Redact.url(url));
  }

  @Test
  void textWithoutSecretsIsUnchanged() {
    String text = "token endpoint answered HTTP 500: Internal Server Error";

    assertEquals(text, Redact.url(text));
  }

  @Test
  void nullIsPassedThrough() {
    assertNull(Redact.url(null));
    assertNull(Redact.text(null, List.of(Secret.of("abcd"))));
  }

  @Test
  void textRemovesKnownSecretValuesAnywhere() {
    String redacted =
        Redact.text(
            "hunter22 is not the password for alice (hunter22)",
            List.of(Secret.of("hunter22"), Secret.of("other-secret")));

    assertEquals("<redacted> is not the password for alice (<redacted>)", redacted);
  }

  @Test
  void textAlsoRedactsUrls() {
    String redacted = Redact.text("went to https://x.example/cb?code=abc&via=login", List.of());

    assertEquals("went to https://x.example/cb?code=<redacted>&via=login", redacted);
  }

  @Test
  void textSkipsNullSecrets() {
    assertEquals(
        "value <redacted>", Redact.text("value abcdef", Arrays.asList(null, Secret.of("abcdef"))));
  }

  @Test
  void textDoesNotBlankOutVeryShortSecrets() {
    // A one- or two-character "secret" would shred every message it appears in.
    assertEquals("a b c", Redact.text("a b c", List.of(Secret.of("a"))));
  }

  @Test
  void secretToStringIsStars() {
    assertEquals("***", Secret.of("hunter22").toString());
    assertEquals("value=***", "value=" + Secret.of("hunter22"));
  }

  @Test
  void secretRevealReturnsValue() {
    assertEquals("hunter22", Secret.of("hunter22").reveal());
    assertTrue(Secret.of("").isEmpty());
    assertFalse(Secret.of("x").isEmpty());
  }

  @Test
  void secretEqualityIsByValue() {
    assertEquals(Secret.of("hunter22"), Secret.of("hunter22"));
    assertEquals(Secret.of("hunter22").hashCode(), Secret.of("hunter22").hashCode());
    assertNotEquals(Secret.of("hunter22"), Secret.of("hunter23"));
    assertNotEquals(Secret.of("hunter22"), "hunter22");
  }

  @Test
  void secretRejectsNull() {
    assertThrows(NullPointerException.class, () -> Secret.of(null));
  }

  @Test
  void bodyRedactsEveryJsonStringValueEvenInACutOffBody() {
    assertEquals(
        "{\"access_token\":\"<redacted>\",\"expires_in\":3600,\"user\":{\"name\":\"<redacted>\"},"
            + "\"refresh_token\":\"<redacted>\"",
        Redact.body(
            "{\"access_token\":\"at-1\\\"x\",\"expires_in\":3600,\"user\":{\"name\":\"alice\"},"
                + "\"refresh_token\":\"rt-cut-of"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "access_token: s3cr3tValue",
        "'refresh_token' = 's3cr3tValue'",
        "Code=s3cr3tValue, rest",
        "\"client_secret\" : s3cr3tValue}"
      })
  void bodyRedactsSecretFieldsHoweverWritten(String text) {
    String redacted = Redact.body(text);

    assertFalse(redacted.contains("s3cr3tValue"), redacted);
    assertTrue(redacted.contains("<redacted>"), redacted);
  }

  @Test
  void bodyLeavesOtherWordsAlone() {
    assertEquals("error_code: 17 at the gateway", Redact.body("error_code: 17 at the gateway"));
  }
}
