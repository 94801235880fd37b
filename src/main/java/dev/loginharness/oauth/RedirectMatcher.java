package dev.loginharness.oauth;

import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Recognises the redirect URI among all the URLs a browser requests: same scheme, host, port and
 * path; query and fragment ignored. Works for custom schemes ({@code pixiv://account/login}) the
 * same way as for http(s).
 *
 * <p>A provider may send the browser on from its redirect URI to another target (Pixiv's https
 * callback redirects to {@code pixiv://account/login?code=…}); such targets are aliases and count
 * as the callback too, because browser events may report either one first.
 */
public final class RedirectMatcher implements Predicate<String> {
  private final List<String> targets;

  public RedirectMatcher(String redirectUri, List<String> aliases) {
    this.targets =
        java.util.stream.Stream.concat(java.util.stream.Stream.of(redirectUri), aliases.stream())
            .map(RedirectMatcher::normalise)
            .toList();
  }

  @Override
  public boolean test(String url) {
    return url != null && targets.contains(normalise(url));
  }

  /** {@code HTTP://Host:80/cb?x#y} → {@code http://host/cb}. */
  static String normalise(String url) {
    int end = url.length();
    for (char c : new char[] {'?', '#'}) {
      int i = url.indexOf(c);
      if (i >= 0 && i < end) {
        end = i;
      }
    }
    String base = url.substring(0, end);
    int schemeEnd = base.indexOf("://");
    if (schemeEnd < 0) {
      return base;
    }
    String scheme = base.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
    String rest = base.substring(schemeEnd + 3);
    int slash = rest.indexOf('/');
    String authority = (slash < 0 ? rest : rest.substring(0, slash)).toLowerCase(Locale.ROOT);
    String path = slash < 0 ? "" : rest.substring(slash);
    if (scheme.equals("http") && authority.endsWith(":80")
        || scheme.equals("https") && authority.endsWith(":443")) {
      authority = authority.substring(0, authority.lastIndexOf(':'));
    }
    if (path.isEmpty() && (scheme.equals("http") || scheme.equals("https"))) {
      path = "/";
    }
    return scheme + "://" + authority + path;
  }
}
