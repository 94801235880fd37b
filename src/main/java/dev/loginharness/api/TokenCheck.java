package dev.loginharness.api;

/**
 * What the provider's check endpoint (DeviantArt's placebo, OIDC userinfo) said of the stored
 * access token.
 *
 * @param httpStatus the endpoint's HTTP status
 * @param detail a short explanation for a person ("HTTP 200", "HTTP 401 invalid_token"); never the
 *     token
 */
public record TokenCheck(boolean accepted, int httpStatus, String detail) {}
