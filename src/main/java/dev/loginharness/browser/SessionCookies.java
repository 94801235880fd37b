package dev.loginharness.browser;

import java.util.List;
import java.util.Set;
import org.openqa.selenium.Cookie;

/**
 * The cookies of the page a browser was on, to carry a login from one browser into another
 * (headless → headful when a person must finish it). Opaque: cookies can be session secrets.
 */
public final class SessionCookies {
  final String url;
  final List<Cookie> cookies;

  SessionCookies(String url, Set<Cookie> cookies) {
    this.url = url;
    this.cookies = List.copyOf(cookies);
  }

  @Override
  public String toString() {
    return "SessionCookies[" + cookies.size() + " cookies]";
  }
}
