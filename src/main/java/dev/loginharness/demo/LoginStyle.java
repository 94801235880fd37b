package dev.loginharness.demo;

import java.util.Objects;
import java.util.Optional;

/**
 * How the sign-in looks beyond the single username-and-password form: the shapes real providers put
 * in front of a form filler. All off is the classic single page.
 *
 * @param usernameFirst Google/Keycloak style: the username on one page, the password on the next
 * @param totp ask for an authenticator code after a correct password
 * @param captcha answer the password post with a reCAPTCHA-like page nobody automated gets past
 * @param staySignedInPrompt Microsoft's "Stay signed in?" page after the last factor
 * @param captchaHeadlessOnly the captcha only for browsers that say they are headless, as bot
 *     defences that fingerprint the User-Agent do
 * @see Users locked accounts, which are account state rather than page shape
 */
record LoginStyle(
    boolean usernameFirst,
    Optional<Totp> totp,
    boolean captcha,
    boolean staySignedInPrompt,
    boolean captchaHeadlessOnly) {

  LoginStyle {
    Objects.requireNonNull(totp, "totp");
  }

  /** Whether a password post from this User-Agent gets the captcha. */
  boolean captchaFor(String userAgent) {
    return captcha
        && (!captchaHeadlessOnly || (userAgent != null && userAgent.contains("HeadlessChrome")));
  }

  /** Names the enabled styles only; never the TOTP secret. */
  @Override
  public String toString() {
    return "LoginStyle[usernameFirst="
        + usernameFirst
        + ", totp="
        + totp.isPresent()
        + ", captcha="
        + captcha
        + ", staySignedInPrompt="
        + staySignedInPrompt
        + "]";
  }
}
