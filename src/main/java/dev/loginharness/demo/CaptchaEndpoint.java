package dev.loginharness.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /login/captcha}: the captcha page's Continue button. There is no answer that passes:
 * for a live request the page comes back with "confirm you are not a robot", every time.
 */
final class CaptchaEndpoint implements HttpHandler {
  private static final String HEADING = "Sign-in failed";

  private final Grants grants;
  private final SignInSteps steps;

  CaptchaEndpoint(Grants grants, SignInSteps steps) {
    this.grants = grants;
    this.steps = steps;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Optional<Map<String, String>> form = Forms.read(exchange, HEADING, "request_id");
    if (form.isEmpty()) {
      return;
    }
    String requestId = form.get().get("request_id");
    if (grants.pending(requestId).isEmpty()) {
      Forms.badRequest(exchange, HEADING, SignInSteps.UNKNOWN_REQUEST);
      return;
    }
    steps.showCaptcha(exchange, requestId, true);
  }

  /**
   * {@code GET /recaptcha/api2/anchor}: the framed "I'm not a robot" checkbox, which does nothing.
   */
  static HttpHandler frame() {
    return exchange -> Responses.htmlFramedBySelf(exchange, 200, Html.captchaFrame());
  }
}
