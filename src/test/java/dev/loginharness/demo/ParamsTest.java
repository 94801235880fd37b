package dev.loginharness.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ParamsTest {
  @Test
  void decodesPercentAndPlus() {
    Params params = Params.parse("state=a+b%26c%3Dd&redirect_uri=http%3A%2F%2Fx%2Fcb&e=%C3%A9");
    assertEquals(Optional.of("a b&c=d"), params.optional("state"));
    assertEquals("http://x/cb", params.required("redirect_uri"));
    assertEquals("é", params.required("e"));
  }

  @Test
  void emptyValuesCountAsOmitted() {
    Params params = Params.parse("scope=&state&code=x");
    assertEquals(Optional.empty(), params.optional("scope"));
    assertEquals(Optional.empty(), params.optional("state"));
    assertThrows(Params.InvalidParameter.class, () -> params.required("scope"));
    assertEquals(Optional.empty(), Params.parse(null).optional("code"));
  }

  @Test
  void repeatedParametersAreRejectedWithoutEchoingValues() {
    Params params = Params.parse("code=secret-1&code=secret-2");
    Params.InvalidParameter e =
        assertThrows(Params.InvalidParameter.class, () -> params.optional("code"));
    assertTrue(e.getMessage().contains("'code'"));
    assertTrue(!e.getMessage().contains("secret"));
  }

  @Test
  void malformedEncodingIsAnInvalidParameter() {
    assertThrows(Params.InvalidParameter.class, () -> Params.parse("code=%zz"));
  }

  @Test
  void appendQueryEncodesAndRespectsAnExistingQuery() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("code", "a/b");
    params.put("state", "x y&z");
    assertEquals("http://h/cb?code=a%2Fb&state=x+y%26z", Params.appendQuery("http://h/cb", params));
    assertEquals(
        "http://h/cb?t=1&code=a%2Fb&state=x+y%26z", Params.appendQuery("http://h/cb?t=1", params));
  }
}
