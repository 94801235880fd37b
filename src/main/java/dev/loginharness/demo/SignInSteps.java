package dev.loginharness.demo;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/**
 * What follows an accepted password, in a fixed order: the one-time code, "Stay signed in?", then
 * the consent page or the redirect. Every page of the chain hands over to the next one here, so
 * turning a style on or off never changes what the others do, and every path ends in {@link
 * Approval}, where the code's issue time is taken right before its redirect.
 */
final class SignInSteps {
  static final String UNKNOWN_REQUEST =
      "This sign-in request is unknown or already finished. Start again from the application.";

  private final ProviderConfig config;
  private final Grants grants;
  private final Approval approval;

  SignInSteps(ProviderConfig config, Grants grants, Approval approval) {
    this.config = config;
    this.grants = grants;
    this.approval = approval;
  }

  /** The page /authorize shows: the classic form, or page 1 of the username-first style. */
  String firstPage(String requestId) {
    return config.loginStyle().usernameFirst()
        ? Html.identifierPage(requestId, "", null)
        : Html.loginPage(requestId, "", false);
  }

  /** Shows (and counts) the captcha page; the request stays pending, the sign-in goes nowhere. */
  void showCaptcha(HttpExchange exchange, String requestId, boolean failed) throws IOException {
    grants.countCaptchaShown();
    Responses.htmlFramingSelf(exchange, 200, Html.captchaPage(requestId, failed));
  }

  /**
   * Moves on from a finished stage (the password counts as {@link SignInStep.Stage#PASSWORD} in
   * both styles) to the next enabled page, or ends the sign-in.
   */
  void continueAfter(
      HttpExchange exchange,
      SignInStep.Stage done,
      PendingAuthorization request,
      String requestId,
      String username)
      throws IOException {
    LoginStyle style = config.loginStyle();
    if (done.compareTo(SignInStep.Stage.ONE_TIME_CODE) < 0 && style.totp().isPresent()) {
      String stepId =
          grants.parkStep(
              new SignInStep(request, requestId, username, SignInStep.Stage.ONE_TIME_CODE));
      Responses.html(exchange, 200, Html.oneTimeCodePage(stepId, false));
      return;
    }
    if (done.compareTo(SignInStep.Stage.STAY_SIGNED_IN) < 0 && style.staySignedInPrompt()) {
      String stepId =
          grants.parkStep(
              new SignInStep(request, requestId, username, SignInStep.Stage.STAY_SIGNED_IN));
      Responses.html(exchange, 200, Html.staySignedInPage(stepId));
      return;
    }
    if (config.denyConsent()) {
      approval.deny(exchange, request);
      return;
    }
    if (config.consentPage()) {
      String consentId = grants.parkConsent(new Grants.PendingConsent(request, username));
      Responses.html(exchange, 200, Html.consentPage(consentId, request.clientId()));
      return;
    }
    approval.allow(exchange, request, username);
  }
}
