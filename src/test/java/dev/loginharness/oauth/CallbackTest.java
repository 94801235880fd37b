package dev.loginharness.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loginharness.secret.Secret;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallbackTest {
  private static Callback parsed(String url) {
    return Callback.parse(url).orElseThrow(() -> new AssertionError("no callback in " + url));
  }

  @Test
  void readsCodeAndState() {
    Callback.Code code =
        assertInstanceOf(
            Callback.Code.class, parsed("http://127.0.0.1:9/cb?code=abc123&state=st-1"));

    assertEquals("abc123", code.code().reveal());
    assertEquals(Optional.of(Secret.of("st-1")), code.state());
  }

  @Test
  void codeWithoutStateHasEmptyState() {
    Callback callback = parsed("http://127.0.0.1:9/cb?code=abc123");

    assertEquals(Optional.empty(), callback.state());
  }

  @Test
  void readsErrorWithDescription() {
    Callback.Error error =
        assertInstanceOf(
            Callback.Error.class,
            parsed(
                "http://127.0.0.1:9/cb?error=access_denied&error_description=The+user+said%20no&state=s"));

    assertEquals("access_denied", error.error());
    assertEquals("The user said no", error.description());
    assertEquals("access_denied: The user said no", error.summary());
    assertEquals(Optional.of(Secret.of("s")), error.state());
  }

  @Test
  void errorSummaryWithoutDescriptionIsJustTheCode() {
    Callback.Error error =
        assertInstanceOf(Callback.Error.class, parsed("http://127.0.0.1:9/cb?error=server_error"));

    assertEquals("server_error", error.summary());
  }

  @Test
  void errorWinsOverCode() {
    // A provider that sends both has failed; treating it as success would redeem a dubious code.
    assertInstanceOf(
        Callback.Error.class, parsed("http://127.0.0.1:9/cb?code=abc&error=access_denied"));
  }

  @Test
  void valuesArePercentDecoded() {
    Callback.Code code =
        assertInstanceOf(
            Callback.Code.class,
            parsed("pixiv://account/login?code=a%2Fb%3D%2Bc&state=x%20y&via=login"));

    assertEquals("a/b=+c", code.code().reveal());
    assertEquals("x y", code.state().orElseThrow().reveal());
  }

  @Test
  void urlWithoutCodeOrErrorIsEmpty() {
    assertEquals(Optional.empty(), Callback.parse("http://127.0.0.1:9/cb"));
    assertEquals(Optional.empty(), Callback.parse("http://127.0.0.1:9/cb?state=s&via=login"));
    assertEquals(Optional.empty(), Callback.parse("http://127.0.0.1:9/cb?code=&state=s"));
  }

  @Test
  void errorInFragmentIsRead() {
    Callback.Error error =
        assertInstanceOf(
            Callback.Error.class, parsed("http://127.0.0.1:9/cb#error=access_denied&state=s"));

    assertEquals("access_denied", error.error());
    assertEquals("s", error.state().orElseThrow().reveal());
  }

  /** The code flow returns the code in the query (RFC 6749 §4.1.2); one in the fragment is not. */
  @Test
  void aCodeInTheFragmentIsIgnored() {
    assertEquals(
        Optional.empty(), Callback.parse("http://127.0.0.1:9/cb?via=login#code=frag-code&state=s"));
  }

  @Test
  void aParameterThatDecidesTheOutcomeMayNotBeRepeated() {
    for (String url :
        List.of(
            "http://127.0.0.1:9/cb?code=c&state=mine&state=forged",
            "http://127.0.0.1:9/cb?code=c&state=mine#state=forged",
            "http://127.0.0.1:9/cb?code=query-code#code=frag-code",
            "http://127.0.0.1:9/cb?error=a&error=b")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Callback.parse(url), url);
      assertTrue(e.getMessage().startsWith("the callback carries 2 '"), e.getMessage());
      assertFalse(e.getMessage().contains("forged"), e.getMessage());
    }
  }

  @Test
  void anErrorDescriptionIsQuotedForATerminal() {
    Callback.Error error =
        assertInstanceOf(
            Callback.Error.class,
            parsed("http://127.0.0.1:9/cb?error=access_denied&error_description=%1B%5B2Jno"));

    assertEquals("access_denied: \\u001b[2Jno", error.summary());
  }

  @Test
  void codeToStringDoesNotRevealCodeOrState() {
    Callback callback = parsed("http://127.0.0.1:9/cb?code=abc123secret&state=state456");
    String text = callback.toString();

    assertFalse(text.contains("abc123secret"), text);
    assertFalse(text.contains("state456"), text);
    assertTrue(text.contains("***"), text);
  }
}
