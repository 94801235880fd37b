package dev.loginharness.browser;

import java.util.OptionalLong;

/**
 * A URL the browser asked for that matched the redirect URI.
 *
 * @param url the full URL, query and fragment included — it carries the code: never log it as is
 * @param via which event saw it ({@code bidi:beforeRequestSent}, {@code cdp:…}, {@code perflog})
 * @param browserEpochMillis the browser's own timestamp for the request, when the event has one
 * @param listenerNanos {@link System#nanoTime()} when the listener received the event
 */
public record CapturedUrl(
    String url, String via, OptionalLong browserEpochMillis, long listenerNanos) {
  @Override
  public String toString() {
    return "CapturedUrl[" + dev.loginharness.secret.Redact.url(url) + " via " + via + "]";
  }
}
