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

  static final String FRAME_PATH = "/login/frame";

  /** The host name of the cross-origin frame: the same server under another origin. */
  static final String OTHER_HOST = "localhost";

  private final ProviderConfig config;
  private final Grants grants;
  private final Approval approval;

  SignInSteps(ProviderConfig config, Grants grants, Approval approval) {
    this.config = config;
    this.grants = grants;
    this.approval = approval;
  }

  /**
   * The page /authorize shows: "Choose an account" when accounts are remembered, else {@link
   * #showSignInPage}.
   */
  void showFirstPage(HttpExchange exchange, String requestId) throws IOException {
    if (!config.loginStyle().rememberedAccounts().isEmpty()) {
      Responses.html(
          exchange,
          200,
          Html.accountPickerPage(requestId, config.loginStyle().rememberedAccounts()));
      return;
    }
    showSignInPage(exchange, requestId);
  }

  /**
   * The sign-in form as the style places it: page 1 of the username-first style, the classic form
   * (with the terms box), or the classic form in a shadow root or a frame.
   */
  void showSignInPage(HttpExchange exchange, String requestId) throws IOException {
    LoginStyle style = config.loginStyle();
    if (style.usernameFirst()) {
      Responses.html(exchange, 200, Html.identifierPage(requestId, "", null));
      return;
    }
    String frame = FRAME_PATH + "?request_id=" + requestId;
    switch (style.firstPage()) {
      case DOCUMENT ->
          Responses.html(exchange, 200, Html.loginPage(requestId, "", null, style.termsCheckbox()));
      case SHADOW_ROOT -> Responses.htmlWithScript(exchange, Html.shadowRootLoginPage(requestId));
      case FRAME -> Responses.htmlFraming(exchange, Html.framingPage(frame), "'self'");
      case CROSS_ORIGIN_FRAME -> {
        String other = "http://" + OTHER_HOST + ":" + exchange.getLocalAddress().getPort();
        Responses.htmlFraming(exchange, Html.framingPage(other + frame), other);
      }
    }
  }

  /**
   * {@code GET /login/frame?request_id=…}: the framed form; only this provider's page frames it.
   */
  void showFramedForm(HttpExchange exchange, String requestId) throws IOException {
    String ancestor =
        config.loginStyle().firstPage() == LoginStyle.FirstPage.CROSS_ORIGIN_FRAME
            ? "http://127.0.0.1:" + exchange.getLocalAddress().getPort()
            : "'self'";
    Responses.htmlFramedBy(exchange, Html.framedLoginForm(requestId), ancestor);
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
