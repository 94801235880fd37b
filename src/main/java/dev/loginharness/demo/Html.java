package dev.loginharness.demo;

/**
 * The few HTML pages the provider shows. Every value that came from a request is escaped; the
 * markup keeps stable ids and autocomplete hints because the harness's heuristic form filler (and
 * password managers) look for exactly those.
 */
final class Html {
  static final String LOGIN_TITLE = "Demo provider – sign in";
  static final String INVALID_CREDENTIALS = "Invalid username or password.";
  static final String ACCOUNT_LOCKED = "Your account is locked. Contact your administrator.";
  static final String MISSING_IDENTIFIER = "Enter your email or username.";
  static final String INVALID_CODE = "Invalid code.";
  static final String CAPTCHA_UNSOLVED = "Please confirm that you are not a robot.";
  static final String CAPTCHA_TITLE = "Demo provider – verify you are human";
  static final String TERMS_NOT_ACCEPTED = "You must agree to the terms to sign in.";

  /** Where the captcha page's iframe points; "recaptcha" in the path is what detectors look for. */
  static final String CAPTCHA_FRAME_PATH = "/recaptcha/api2/anchor";

  private static final String STYLE =
      """
            body{font-family:system-ui,sans-serif;max-width:22rem;margin:4rem auto;padding:0 1rem}
            label,input,button{display:block;width:100%;box-sizing:border-box;margin:.3rem 0}
            input,button{padding:.5rem;font-size:1rem}
            .error{color:#a00;border:1px solid #a00;padding:.5rem;margin:1rem 0}""";

  private Html() {}

  /**
   * The sign-in form. The hidden field carries only an opaque server-side id, so neither the state
   * nor the PKCE challenge ever round-trips through the page.
   */
  static String loginPage(String requestId, String username, boolean failed) {
    return loginPage(requestId, username, failed ? INVALID_CREDENTIALS : null);
  }

  /** The sign-in form, with an alert when {@code alert} is not null. */
  static String loginPage(String requestId, String username, String alert) {
    return loginPage(requestId, username, alert, false);
  }

  /**
   * The sign-in form; with {@code terms}, a required "I agree to the terms" box beside the button
   * and, before it, a "Keep me signed in" box the filler must leave alone.
   */
  static String loginPage(String requestId, String username, String alert, boolean terms) {
    return page(
        LOGIN_TITLE,
        "<h1>Sign in</h1>\n" + alert(alert) + loginForm(requestId, username, terms, ""));
  }

  /** The form alone; {@code target} is a {@code target} attribute or "". */
  private static String loginForm(String requestId, String username, boolean terms, String target) {
    return """
        <form method="post" action="/login"%s>
        <input type="hidden" name="request_id" value="%s">
        <label for="username">Username</label>
        <input type="text" name="username" id="username" autocomplete="username" value="%s" autofocus>
        <label for="password">Password</label>
        <input type="password" name="password" id="password" autocomplete="current-password">
        %s<button type="submit">Sign in</button>
        </form>
        """
        .formatted(target, escape(requestId), escape(username), terms ? TERMS_BOXES : "");
  }

  private static final String TERMS_BOXES =
      """
      <p><input type="checkbox" name="remember" id="remember" style="width:auto;display:inline">
      <label for="remember" style="display:inline">Keep me signed in</label></p>
      <p><input type="checkbox" name="terms" id="terms" style="width:auto;display:inline">
      <label for="terms" style="display:inline">I agree to the <a href="#terms">terms of service</a>
      and the privacy policy</label></p>
      """;

  /**
   * The sign-in form inside a web component's open shadow root, as sign-in widgets built as custom
   * elements have it: nothing of the form is in the document itself, only in the template the
   * element's script copies into its shadow root.
   */
  static String shadowRootLoginPage(String requestId) {
    return page(
        LOGIN_TITLE,
        """
        <h1>Sign in</h1>
        <sign-in-form></sign-in-form>
        <template id="sign-in-template"><style>input,button{display:block;margin:.3rem 0}</style>
        %s</template>
        <script>
        customElements.define('sign-in-form', class extends HTMLElement {
          connectedCallback() {
            this.attachShadow({mode: 'open'}).appendChild(
                document.getElementById('sign-in-template').content.cloneNode(true));
          }
        });
        </script>
        """
            .formatted(loginForm(requestId, "", false, "")));
  }

  /**
   * A portal that embeds the provider's form in an {@code <iframe>} at {@code frameUrl}; the form
   * posts to the whole window ({@code target="_top"}).
   */
  static String framingPage(String frameUrl) {
    return page(
        "Example portal – sign in",
        """
        <h1>Example portal</h1>
        <p>Sign in to continue.</p>
        <iframe src="%s" title="Sign in" width="360" height="360" style="border:1px solid #ccc"></iframe>
        """
            .formatted(escape(frameUrl)));
  }

  /** The form that {@link #framingPage} frames. */
  static String framedLoginForm(String requestId) {
    return page(LOGIN_TITLE, loginForm(requestId, "", false, " target=\"_top\""));
  }

  /**
   * "Choose an account": a tile per remembered account and "Use another account", as Google's and
   * Microsoft's pickers show. Tiles are buttons of one form; the value names the account.
   */
  static String accountPickerPage(String requestId, java.util.List<String> accounts) {
    StringBuilder tiles = new StringBuilder();
    for (String account : accounts) {
      tiles.append(
          "<button type=\"submit\" name=\"account\" value=\"%s\"><strong>%s</strong><br><small>%s@example.com</small></button>\n"
              .formatted(
                  escape(account),
                  escape(account.toUpperCase(java.util.Locale.ROOT)),
                  escape(account)));
    }
    return page(
        "Demo provider – choose an account",
        """
        <h1>Choose an account</h1>
        <form method="post" action="/login/account">
        <input type="hidden" name="request_id" value="%s">
        %s<button type="submit" name="account" value="">Use another account</button>
        </form>
        """
            .formatted(escape(requestId), tiles));
  }

  /**
   * Page 1 of the username-first style: only the username. {@code novalidate} because the field is
   * {@code type="email"} (as at Google and Microsoft) yet plain usernames must get through; real
   * providers check it with their own script, not with the browser's e-mail syntax rule.
   */
  static String identifierPage(String requestId, String identifier, String alert) {
    return page(
        LOGIN_TITLE,
        """
                <h1>Sign in</h1>
                %s<form method="post" action="/login/identifier" novalidate>
                <input type="hidden" name="request_id" value="%s">
                <label for="identifier">Email or username</label>
                <input type="email" name="identifier" id="identifier" autocomplete="username" value="%s" autofocus>
                <button type="submit">Next</button>
                </form>
                """
            .formatted(alert(alert), escape(requestId), escape(identifier)));
  }

  /**
   * Page 2 of the username-first style. The username is text, not a field: the form has exactly one
   * thing to fill, and the account it belongs to is fixed on the server under the step id.
   */
  static String passwordPage(String stepId, String username, String alert) {
    return page(
        LOGIN_TITLE,
        """
                <h1>Welcome</h1>
                <p class="identity">%s</p>
                %s<form method="post" action="/login/password">
                <input type="hidden" name="step_id" value="%s">
                <label for="password">Password</label>
                <input type="password" name="password" id="password" autocomplete="current-password" autofocus>
                <button type="submit">Sign in</button>
                </form>
                """
            .formatted(escape(username), alert(alert), escape(stepId)));
  }

  /** The second factor: a code from an authenticator app. */
  static String oneTimeCodePage(String stepId, boolean failed) {
    return page(
        "Demo provider – 2-step verification",
        """
                <h1>2-step verification</h1>
                <p>Enter the 6-digit code from your authenticator app.</p>
                %s<form method="post" action="/login/otp">
                <input type="hidden" name="step_id" value="%s">
                <label for="otp">Verification code</label>
                <input type="text" name="otp" id="otp" autocomplete="one-time-code" inputmode="numeric" maxlength="6" autofocus>
                <button type="submit">Verify</button>
                </form>
                """
            .formatted(alert(failed ? INVALID_CODE : null), escape(stepId)));
  }

  /**
   * Microsoft's "Stay signed in?" page. "No" comes first, as there; either answer continues, so the
   * harness only has to press one of them rather than stall on an unexpected page.
   */
  static String staySignedInPage(String stepId) {
    return page(
        "Demo provider – stay signed in?",
        """
                <h1>Stay signed in?</h1>
                <p>Do this to reduce the number of times you are asked to sign in.</p>
                <form method="post" action="/login/stay-signed-in">
                <input type="hidden" name="step_id" value="%s">
                <button type="submit" name="stay_signed_in" value="no">No</button>
                <button type="submit" name="stay_signed_in" value="yes">Yes</button>
                </form>
                """
            .formatted(escape(stepId)));
  }

  /**
   * A bot challenge that cannot be passed without a person: the framed checkbox is inert, and the
   * form's button only brings this page back. What the harness must do is recognise it.
   */
  static String captchaPage(String requestId, boolean failed) {
    return page(
        CAPTCHA_TITLE,
        """
                <h1>Confirm you are not a robot</h1>
                <p>We need to make sure that you are a person and not an automated program.</p>
                %s<form method="post" action="/login/captcha">
                <input type="hidden" name="request_id" value="%s">
                <iframe src="%s?k=demo" title="reCAPTCHA" width="304" height="78" role="presentation"                 name="a-demo" scrolling="no" style="border:0"></iframe>
                <button type="submit">Continue</button>
                </form>
                """
            .formatted(
                alert(failed ? CAPTCHA_UNSOLVED : null), escape(requestId), CAPTCHA_FRAME_PATH));
  }

  /**
   * The framed widget: a checkbox that does nothing, like reCAPTCHA's anchor without its script.
   */
  static String captchaFrame() {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>reCAPTCHA</title>\n"
        + "<style>html{height:100%}body{font-family:system-ui,sans-serif;margin:0;padding:1rem;height:100%;"
        + "box-sizing:border-box;border:1px solid #d3d3d3;background:#f9f9f9}label{margin-left:.5rem}</style>\n</head>\n<body>\n"
        + "<div class=\"rc-anchor\">\n"
        + "<input type=\"checkbox\" id=\"recaptcha-anchor\" name=\"recaptcha-anchor\">"
        + "<label for=\"recaptcha-anchor\">I'm not a robot</label>\n"
        + "</div>\n</body>\n</html>\n";
  }

  /**
   * The consent page. "Cancel" comes first in the document on purpose: a robot that presses the
   * first button it finds denies access, so the harness has to choose the button by meaning.
   */
  static String consentPage(String consentId, String clientId) {
    String question = "Authorize " + clientId + "?";
    return page(
        question,
        """
                <h1>%s</h1>
                <p>The application <strong>%s</strong> asks for access to your account.</p>
                <form method="post" action="/consent">
                <input type="hidden" name="consent_id" value="%s">
                <button type="submit" name="decision" value="deny">Cancel</button>
                <button type="submit" name="decision" value="allow">Authorize</button>
                </form>
                """
            .formatted(escape(question), escape(clientId), escape(consentId)));
  }

  /** A page for errors that must not be redirected to the client (RFC 6749 4.1.2.1). */
  static String errorPage(String heading, String message) {
    return page(
        "Demo provider – error",
        "<h1>" + escape(heading) + "</h1>\n<p>" + escape(message) + "</p>\n");
  }

  /** The default redirect URI's page: the client has taken the code from its address. */
  static String callbackPage() {
    return page(
        "Demo provider – signed in",
        "<h1>Signed in</h1>\n<p>The client takes the code from this page's address."
            + " You can close this window.</p>\n");
  }

  /**
   * Imitates the bare page a WAF or CDN returns, which is what a missing header gets in real life.
   */
  static String forbiddenPage() {
    return "<html><body><h1>403 Forbidden</h1><p>Request blocked: a required header is missing or wrong."
        + "</p></body></html>\n";
  }

  private static String alert(String message) {
    return message == null
        ? ""
        : "<div class=\"error\" role=\"alert\">" + escape(message) + "</div>\n";
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static String page(String title, String body) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n"
        + "<title>"
        + escape(title)
        + "</title>\n<style>"
        + STYLE
        + "</style>\n</head>\n<body>\n"
        + body
        + "</body>\n</html>\n";
  }
}
