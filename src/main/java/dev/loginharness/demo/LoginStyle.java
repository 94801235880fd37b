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
 * @param firstPage where the single-page form is: in the document, in a web component's open shadow
 *     root, or in a same- or cross-origin frame
 * @param termsCheckbox the form has a required "I agree to the terms" box and a "Keep me signed in"
 *     box
 * @param rememberedAccounts when not empty, "Choose an account" comes first, a tile for each
 * @see Users locked accounts, which are account state rather than page shape
 */
record LoginStyle(
    boolean usernameFirst,
    Optional<Totp> totp,
    boolean captcha,
    boolean staySignedInPrompt,
    boolean captchaHeadlessOnly,
    FirstPage firstPage,
    boolean termsCheckbox,
    java.util.List<String> rememberedAccounts) {

  /** Where the sign-in form of the first page is. */
  enum FirstPage {
    DOCUMENT,
    SHADOW_ROOT,
    FRAME,
    CROSS_ORIGIN_FRAME
  }

  LoginStyle {
    Objects.requireNonNull(totp, "totp");
    Objects.requireNonNull(firstPage, "firstPage");
    rememberedAccounts = java.util.List.copyOf(rememberedAccounts);
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
        + ", firstPage="
        + firstPage
        + ", termsCheckbox="
        + termsCheckbox
        + ", rememberedAccounts="
        + rememberedAccounts.size()
        + "]";
  }
}
