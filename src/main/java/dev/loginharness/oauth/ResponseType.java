package dev.loginharness.oauth;

import java.util.Optional;

/** What the authorization endpoint is asked to return: a profile's {@code responseType}. */
public enum ResponseType {
  /** The authorization code, redeemed with PKCE at the token endpoint (RFC 6749 §4.1, RFC 7636). */
  CODE("code"),
  /**
   * The legacy implicit grant (RFC 6749 §4.2), which OAuth 2.1 removed: the access token comes in
   * the redirect's fragment; no token endpoint call, no client secret, no refresh token.
   */
  TOKEN("token");

  private final String value;

  ResponseType(String value) {
    this.value = value;
  }

  /** The {@code response_type} parameter's value, as written in a profile. */
  public String value() {
    return value;
  }

  /** The response type a profile names; empty for anything else. */
  public static Optional<ResponseType> parse(String value) {
    for (ResponseType type : values()) {
      if (type.value.equals(value)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return value;
  }
}
