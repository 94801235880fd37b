package dev.loginharness.oauth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedirectMatcherTest {
  private static final String REDIRECT = "http://127.0.0.1:9/callback";

  private final RedirectMatcher matcher = new RedirectMatcher(REDIRECT, List.of());

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1:9/callback",
        "http://127.0.0.1:9/callback?code=abc&state=xyz",
        "http://127.0.0.1:9/callback#access_token=abc",
        "http://127.0.0.1:9/callback?code=abc#frag",
        "HTTP://127.0.0.1:9/callback?code=abc"
      })
  void matchesRedirectIgnoringQueryAndFragment(String url) {
    assertTrue(matcher.test(url), url);
  }

  @Test
  void schemeAndHostAreCaseInsensitive() {
    RedirectMatcher m = new RedirectMatcher("https://app.example.com/cb", List.of());

    assertTrue(m.test("HTTPS://App.Example.COM/cb?code=1"));
  }

  @Test
  void pathIsCaseSensitive() {
    RedirectMatcher m = new RedirectMatcher("https://app.example.com/cb", List.of());

    assertFalse(m.test("https://app.example.com/CB?code=1"));
  }

  @Test
  void defaultPortsAreEquivalentToNoPort() {
    assertTrue(new RedirectMatcher("http://host/cb", List.of()).test("http://host:80/cb?code=1"));
    assertTrue(new RedirectMatcher("http://host:80/cb", List.of()).test("http://host/cb?code=1"));
    assertTrue(new RedirectMatcher("https://host/cb", List.of()).test("https://host:443/cb"));
    assertTrue(new RedirectMatcher("https://host:443/cb", List.of()).test("https://host/cb"));
  }

  @Test
  void defaultPortOfTheOtherSchemeIsNotDefault() {
    assertFalse(new RedirectMatcher("https://host/cb", List.of()).test("https://host:80/cb"));
    assertFalse(new RedirectMatcher("http://host/cb", List.of()).test("http://host:443/cb"));
  }

  @Test
  void emptyPathEqualsRootPathForHttp() {
    assertTrue(new RedirectMatcher("http://host", List.of()).test("http://host/?code=1"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1:9/callbackx",
        "http://127.0.0.1:9/callback/",
        "http://127.0.0.1:9/other?redirect=http://127.0.0.1:9/callback",
        "http://127.0.0.1:10/callback",
        "http://127.0.0.1/callback",
        "https://127.0.0.1:9/callback",
        "http://127.0.0.2:9/callback",
        "http://127.0.0.1.evil:9/callback",
        "http://evil.example/callback?x=http://127.0.0.1:9/callback",
        "http://127.0.0.1:9@evil.example/callback",
        "/callback",
        ""
      })
  void doesNotMatchDifferentOrLookalikeUrls(String url) {
    assertFalse(matcher.test(url), url);
  }

  @Test
  void nullNeverMatches() {
    assertFalse(matcher.test(null));
  }

  @Test
  void customSchemeAliasMatches() {
    RedirectMatcher m =
        new RedirectMatcher(
            "https://app-api.pixiv.net/web/v1/users/auth/pixiv/callback",
            List.of("pixiv://account/login"));

    assertTrue(m.test("pixiv://account/login?code=x&via=login"));
    assertTrue(m.test("https://app-api.pixiv.net/web/v1/users/auth/pixiv/callback?code=x"));
    assertFalse(m.test("pixiv://account/logout?code=x"));
    assertFalse(m.test("pixiv://other/login?code=x"));
    assertFalse(m.test("otherapp://account/login?code=x"));
  }

  @Test
  void customSchemeAsPrimaryRedirect() {
    RedirectMatcher m = new RedirectMatcher("com.example.app:/oauth2redirect", List.of());

    assertTrue(m.test("com.example.app:/oauth2redirect?code=x"));
    assertFalse(m.test("com.example.app:/oauth2redirectx?code=x"));
  }
}
