package dev.loginharness.browser;

/**
 * The login reached a step only a person can take: a captcha, a device confirmation, a one-time
 * code the harness has no source for. The message names the kind and the page, never a secret.
 */
public class ChallengeException extends Exception {
  private final String kind;
  private final String url;

  public ChallengeException(String kind, String url) {
    super("human step needed: " + kind + " at " + url);
    this.kind = kind;
    this.url = url;
  }

  public String kind() {
    return kind;
  }

  /** The page, already redacted. */
  public String url() {
    return url;
  }
}
