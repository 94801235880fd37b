package dev.loginharness.demo;

import static dev.loginharness.demo.LoopbackClient.VERIFIER;
import static dev.loginharness.demo.LoopbackClient.location;
import static dev.loginharness.demo.LoopbackClient.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loginharness.demo.DemoProviderTest.MutableClock;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The switchable login styles: username first, TOTP, captcha, "Stay signed in?", locked accounts.
 */
class LoginStylesTest {
  private static final String REDIRECT = "http://127.0.0.1:9/callback";

  /** RFC 6238 Appendix B's SHA-1 seed, "12345678901234567890", in base32. */
  private static final String RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

  private static final String SECRET = "JBSWY3DPEHPK3PXP";
  private static final String ALERT = "<div class=\"error\" role=\"alert\">";

  private final List<DemoProvider> started = new ArrayList<>();
  private DemoProvider provider;
  private LoopbackClient client;

  @AfterEach
  void closeProviders() {
    started.forEach(DemoProvider::close);
  }

  private void start(UnaryOperator<DemoProvider.Builder> customize) throws IOException {
    provider =
        customize
            .apply(
                DemoProvider.builder()
                    .client("demo-client")
                    .redirectUri(REDIRECT)
                    .user("alice", "wonderland")
                    .user("mallory", "locked-out"))
            .start();
    started.add(provider);
    client = new LoopbackClient(provider);
  }

  private static String hidden(String html, String name) {
    Matcher m =
        Pattern.compile("name=\"" + Pattern.quote(name) + "\" value=\"([^\"]+)\"").matcher(html);
    if (!m.find()) {
      throw new AssertionError("no " + name + " in page:\n" + html);
    }
    return m.group(1);
  }

  private HttpResponse<String> post(String path, String... pairs) {
    Map<String, String> form = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      form.put(pairs[i], pairs[i + 1]);
    }
    return client.postForm(provider.baseUrl() + path, form);
  }

  private HttpResponse<String> authorizePage() {
    HttpResponse<String> page = client.get(client.authorizeUrl(REDIRECT, Map.of()));
    assertEquals(200, page.statusCode(), page.body());
    return page;
  }

  /** Page 1 of the username-first style, filled in; returns page 2. */
  private HttpResponse<String> identify(String username) {
    HttpResponse<String> page2 =
        post(
            "/login/identifier",
            "request_id",
            LoopbackClient.requestId(authorizePage().body()),
            "identifier",
            username);
    assertEquals(200, page2.statusCode(), page2.body());
    return page2;
  }

  private static void assertRedirectWithCode(HttpResponse<String> response) {
    assertEquals(302, response.statusCode(), response.body());
    assertTrue(location(response).startsWith(REDIRECT + "?code="), location(response));
    assertEquals("st-123", query(location(response)).get("state"));
  }

  private void assertRedeems(HttpResponse<String> redirect) {
    HttpResponse<String> token =
        client.redeem(query(location(redirect)).get("code"), REDIRECT, VERIFIER);
    assertEquals(200, token.statusCode(), token.body());
  }

  private static void assertAlert(HttpResponse<String> response, String message) {
    assertEquals(200, response.statusCode(), response.body());
    assertTrue(response.headers().firstValue("Location").isEmpty());
    assertTrue(response.body().contains(ALERT + message + "</div>"), response.body());
  }

  @Nested
  class UsernameFirst {
    @Test
    void pageOneHasOnlyTheIdentifierAndANextButton() throws IOException {
      start(b -> b.usernameFirst(true));
      String html = authorizePage().body();
      assertTrue(
          html.contains("<form method=\"post\" action=\"/login/identifier\" novalidate>"), html);
      assertTrue(
          html.contains(
              "<input type=\"email\" name=\"identifier\" id=\"identifier\" "
                  + "autocomplete=\"username\" value=\"\" autofocus>"),
          html);
      assertTrue(html.contains("<button type=\"submit\">Next</button>"), html);
      assertFalse(html.contains("type=\"password\""), html);
      assertEquals(
          404,
          post(
                  "/login",
                  "request_id",
                  LoopbackClient.requestId(html),
                  "username",
                  "alice",
                  "password",
                  "wonderland")
              .statusCode(),
          "the single form is gone");
    }

    @Test
    void pageTwoShowsTheUsernameAsTextAndSignsIn() throws IOException {
      start(b -> b.usernameFirst(true));
      String html = identify("alice").body();
      assertTrue(html.contains("<p class=\"identity\">alice</p>"), html);
      assertFalse(html.contains("name=\"identifier\"") || html.contains("name=\"username\""), html);
      assertTrue(html.contains("<form method=\"post\" action=\"/login/password\">"), html);
      assertTrue(
          html.contains(
              "<input type=\"password\" name=\"password\" id=\"password\" "
                  + "autocomplete=\"current-password\" autofocus>"),
          html);
      assertTrue(html.contains("<button type=\"submit\">Sign in</button>"), html);

      HttpResponse<String> login =
          post("/login/password", "step_id", hidden(html, "step_id"), "password", "wonderland");
      assertRedirectWithCode(login);
      assertRedeems(login);
    }

    @Test
    void wrongPasswordShowsPageTwoAgainAndARetryOnItSucceeds() throws IOException {
      start(b -> b.usernameFirst(true));
      String stepId = hidden(identify("alice").body(), "step_id");
      HttpResponse<String> wrong =
          post("/login/password", "step_id", stepId, "password", "guess-wrong");
      assertAlert(wrong, "Invalid username or password.");
      assertTrue(wrong.body().contains("<p class=\"identity\">alice</p>"), wrong.body());
      assertFalse(wrong.body().contains("guess-wrong"), "the password is never echoed");
      assertEquals(stepId, hidden(wrong.body(), "step_id"));
      assertRedirectWithCode(post("/login/password", "step_id", stepId, "password", "wonderland"));
    }

    @Test
    void unknownUsersGetThePasswordPageTooSoNamesCannotBeProbed() throws IOException {
      start(b -> b.usernameFirst(true));
      String html = identify("<nobody>").body();
      assertTrue(html.contains("<p class=\"identity\">&lt;nobody&gt;</p>"), html);
      assertAlert(
          post("/login/password", "step_id", hidden(html, "step_id"), "password", "wonderland"),
          "Invalid username or password.");
    }

    @Test
    void blankIdentifierShowsPageOneAgain() throws IOException {
      start(b -> b.usernameFirst(true));
      String requestId = LoopbackClient.requestId(authorizePage().body());
      HttpResponse<String> blank =
          post("/login/identifier", "request_id", requestId, "identifier", "  ");
      assertAlert(blank, "Enter your email or username.");
      assertEquals(requestId, LoopbackClient.requestId(blank.body()));
    }

    @Test
    void pageTwoRefusesMissingUnknownAndFinishedStepIds() throws IOException {
      start(b -> b.usernameFirst(true));
      assertEquals(400, post("/login/password", "password", "wonderland").statusCode(), "missing");
      assertEquals(
          400,
          post("/login/password", "step_id", "made-up", "password", "wonderland").statusCode());
      // A request id is not a step id: page 1 cannot be skipped.
      String requestId = LoopbackClient.requestId(authorizePage().body());
      assertEquals(
          400,
          post("/login/password", "step_id", requestId, "password", "wonderland").statusCode());

      String stepId = hidden(identify("alice").body(), "step_id");
      assertRedirectWithCode(post("/login/password", "step_id", stepId, "password", "wonderland"));
      assertEquals(
          400,
          post("/login/password", "step_id", stepId, "password", "wonderland").statusCode(),
          "step ids are single-use");
      assertEquals(
          400,
          post("/login/identifier", "identifier", "alice").statusCode(),
          "page 1 needs its request");
    }

    @Test
    void twoPasswordPagesOfOneRequestSignInOnlyOnce() throws IOException {
      start(b -> b.usernameFirst(true));
      String requestId = LoopbackClient.requestId(authorizePage().body());
      String first =
          hidden(
              post("/login/identifier", "request_id", requestId, "identifier", "alice").body(),
              "step_id");
      String second =
          hidden(
              post("/login/identifier", "request_id", requestId, "identifier", "alice").body(),
              "step_id");
      assertNotEquals(first, second);
      assertRedirectWithCode(post("/login/password", "step_id", first, "password", "wonderland"));
      assertEquals(
          400, post("/login/password", "step_id", second, "password", "wonderland").statusCode());
    }
  }

  @Nested
  class OneTimeCode {
    @Test
    void totpCodeMatchesRfc6238Vectors() {
      // Appendix B, SHA-1: the low six digits of the eight-digit codes.
      assertEquals("287082", DemoProvider.totpCode(RFC_SECRET, Instant.ofEpochSecond(59)));
      assertEquals("081804", DemoProvider.totpCode(RFC_SECRET, Instant.ofEpochSecond(1111111109)));
      assertEquals("050471", DemoProvider.totpCode(RFC_SECRET, Instant.ofEpochSecond(1111111111)));
      assertEquals("005924", DemoProvider.totpCode(RFC_SECRET, Instant.ofEpochSecond(1234567890)));
      assertEquals("279037", DemoProvider.totpCode(RFC_SECRET, Instant.ofEpochSecond(2000000000)));
      assertEquals(
          "353130", DemoProvider.totpCode(RFC_SECRET, Instant.ofEpochSecond(20000000000L)));
      assertEquals(
          DemoProvider.totpCode(RFC_SECRET, Instant.ofEpochSecond(59)),
          DemoProvider.totpCode(
              "gezd gnbv gy3t qojq gezd gnbv gy3t qojq====", Instant.ofEpochSecond(59)),
          "case, spaces and padding do not matter");
    }

    @Test
    void badSecretsAreRejectedWithoutEchoingThem() {
      IllegalArgumentException notBase32 =
          assertThrows(
              IllegalArgumentException.class,
              () -> DemoProvider.builder().totpSecret("NOT-BASE32-SECRET1"));
      assertFalse(notBase32.getMessage().contains("NOT-BASE32"), notBase32.getMessage());
      assertThrows(
          IllegalArgumentException.class, () -> DemoProvider.builder().totpSecret("JBSWY3DP"));
      assertThrows(IllegalArgumentException.class, () -> DemoProvider.builder().totpSecret(" "));
    }

    @Test
    void aCorrectPasswordLeadsToTheCodePageAndTheRightCodeSignsIn() throws IOException {
      MutableClock clock = new MutableClock();
      start(b -> b.totpSecret(SECRET).clock(clock));
      HttpResponse<String> page =
          client.signIn(client.authorizeUrl(REDIRECT, Map.of()), "alice", "wonderland");
      assertEquals(200, page.statusCode(), page.body());
      String html = page.body();
      assertTrue(html.contains("<form method=\"post\" action=\"/login/otp\">"), html);
      assertTrue(
          html.contains(
              "<input type=\"text\" name=\"otp\" id=\"otp\" autocomplete=\"one-time-code\" "
                  + "inputmode=\"numeric\" maxlength=\"6\" autofocus>"),
          html);
      assertTrue(html.contains("<button type=\"submit\">Verify</button>"), html);

      String stepId = hidden(html, "step_id");
      HttpResponse<String> wrong =
          post("/login/otp", "step_id", stepId, "otp", wrongCode(clock.instant()));
      assertAlert(wrong, "Invalid code.");
      assertEquals(stepId, hidden(wrong.body(), "step_id"), "the same page again");

      HttpResponse<String> verified =
          post(
              "/login/otp",
              "step_id",
              stepId,
              "otp",
              DemoProvider.totpCode(SECRET, clock.instant()));
      assertRedirectWithCode(verified);
      assertRedeems(verified);
      assertEquals(
          400,
          post(
                  "/login/otp",
                  "step_id",
                  stepId,
                  "otp",
                  DemoProvider.totpCode(SECRET, clock.instant()))
              .statusCode(),
          "step ids are single-use");
    }

    @Test
    void thePreviousAndNextCodesAreAcceptedButNotOlderOnes() throws IOException {
      MutableClock clock = new MutableClock();
      start(b -> b.totpSecret(SECRET).clock(clock));
      Instant now = clock.instant();
      assertAcceptedAt(now.minusSeconds(30), true);
      assertAcceptedAt(now.plusSeconds(30), true);
      assertAcceptedAt(now.minusSeconds(60), false);
      assertAcceptedAt(now.plusSeconds(60), false);

      // The provider's clock decides: a code of now is too old once the clock has moved on.
      String code = DemoProvider.totpCode(SECRET, now);
      String stepId = codePage();
      clock.advance(Duration.ofSeconds(90));
      assertAlert(post("/login/otp", "step_id", stepId, "otp", code), "Invalid code.");
    }

    @Test
    void malformedCodesAreWrongAndUnknownStepsAre400() throws IOException {
      MutableClock clock = new MutableClock();
      start(b -> b.totpSecret(SECRET).clock(clock));
      String stepId = codePage();
      String code = DemoProvider.totpCode(SECRET, clock.instant());
      assertAlert(post("/login/otp", "step_id", stepId), "Invalid code.");
      assertAlert(post("/login/otp", "step_id", stepId, "otp", " " + code), "Invalid code.");
      assertAlert(post("/login/otp", "step_id", stepId, "otp", code + "0"), "Invalid code.");
      assertEquals(400, post("/login/otp", "otp", code).statusCode());
      assertEquals(400, post("/login/otp", "step_id", "made-up", "otp", code).statusCode());
      assertRedirectWithCode(post("/login/otp", "step_id", stepId, "otp", code));
    }

    @Test
    void aWrongPasswordNeverReachesTheCodePage() throws IOException {
      start(b -> b.totpSecret(SECRET));
      assertAlert(
          client.signIn(client.authorizeUrl(REDIRECT, Map.of()), "alice", "nope"),
          "Invalid username or password.");
    }

    private String codePage() {
      HttpResponse<String> page =
          client.signIn(client.authorizeUrl(REDIRECT, Map.of()), "alice", "wonderland");
      assertEquals(200, page.statusCode(), page.body());
      return hidden(page.body(), "step_id");
    }

    private void assertAcceptedAt(Instant at, boolean accepted) {
      HttpResponse<String> answer =
          post("/login/otp", "step_id", codePage(), "otp", DemoProvider.totpCode(SECRET, at));
      assertEquals(accepted ? 302 : 200, answer.statusCode(), at + ": " + answer.body());
    }

    /** A code that is none of the three accepted ones. */
    private String wrongCode(Instant now) {
      List<String> valid =
          List.of(
              DemoProvider.totpCode(SECRET, now.minusSeconds(30)),
              DemoProvider.totpCode(SECRET, now),
              DemoProvider.totpCode(SECRET, now.plusSeconds(30)));
      for (int candidate = 0; ; candidate++) {
        String code = String.format("%06d", candidate);
        if (!valid.contains(code)) {
          return code;
        }
      }
    }
  }

  @Nested
  class Captcha {
    @Test
    void thePasswordPostGetsACaptchaPageThatNeverLetsThrough() throws IOException {
      start(b -> b.captcha(true));
      assertEquals(0, provider.captchaShownCount());
      HttpResponse<String> page =
          client.signIn(client.authorizeUrl(REDIRECT, Map.of()), "alice", "wonderland");
      assertEquals(200, page.statusCode(), page.body());
      String html = page.body();
      assertTrue(
          html.contains("<iframe src=\"/recaptcha/api2/anchor?k=demo\" title=\"reCAPTCHA\""), html);
      assertTrue(html.contains("<form method=\"post\" action=\"/login/captcha\">"), html);
      assertTrue(html.contains("<button type=\"submit\">Continue</button>"), html);
      assertTrue(
          page.headers()
              .firstValue("Content-Security-Policy")
              .orElse("")
              .contains("frame-src 'self'"));
      assertEquals(1, provider.captchaShownCount());

      HttpResponse<String> again =
          post("/login/captcha", "request_id", LoopbackClient.requestId(html));
      assertAlert(again, "Please confirm that you are not a robot.");
      assertTrue(again.body().contains("title=\"reCAPTCHA\""), again.body());
      assertEquals(2, provider.captchaShownCount());

      // Signing in again on the same request only brings the captcha back.
      HttpResponse<String> retry =
          post(
              "/login",
              "request_id",
              LoopbackClient.requestId(html),
              "username",
              "alice",
              "password",
              "wonderland");
      assertEquals(200, retry.statusCode());
      assertTrue(retry.body().contains("title=\"reCAPTCHA\""), retry.body());
      assertEquals(3, provider.captchaShownCount());
      assertEquals(0, provider.redemptions().size());
    }

    @Test
    void theFramedWidgetIsAnInertCheckboxThatOnlyThisServerMayFrame() throws IOException {
      start(b -> b.captcha(true));
      HttpResponse<String> frame = client.get(provider.baseUrl() + "/recaptcha/api2/anchor?k=demo");
      assertEquals(200, frame.statusCode());
      assertTrue(
          frame
              .body()
              .contains(
                  "<input type=\"checkbox\" id=\"recaptcha-anchor\" name=\"recaptcha-anchor\">"
                      + "<label for=\"recaptcha-anchor\">I'm not a robot</label>"),
          frame.body());
      assertFalse(frame.body().contains("<form"), frame.body());
      String policy = frame.headers().firstValue("Content-Security-Policy").orElse("");
      assertTrue(
          policy.contains("frame-ancestors 'self'") && policy.contains("default-src 'none'"),
          policy);
      assertEquals(0, provider.captchaShownCount(), "the widget alone is not the captcha page");
    }

    @Test
    void theCaptchaComesBeforeThePasswordIsChecked() throws IOException {
      start(b -> b.captcha(true).usernameFirst(true));
      HttpResponse<String> page =
          post(
              "/login/password",
              "step_id",
              hidden(identify("alice").body(), "step_id"),
              "password",
              "wrong");
      assertEquals(200, page.statusCode());
      assertTrue(page.body().contains("title=\"reCAPTCHA\""), page.body());
      assertFalse(page.body().contains("Invalid username or password."), page.body());
      assertEquals(1, provider.captchaShownCount());
    }

    @Test
    void unknownRequestsAre400AndNotCounted() throws IOException {
      start(b -> b.captcha(true));
      assertEquals(400, post("/login/captcha", "request_id", "made-up").statusCode());
      assertEquals(400, post("/login/captcha").statusCode());
      assertEquals(0, provider.captchaShownCount());
    }

    @Test
    void withoutTheStyleThereIsNoCaptcha() throws IOException {
      start(b -> b);
      assertEquals(
          404, client.get(provider.baseUrl() + "/recaptcha/api2/anchor?k=demo").statusCode());
      assertEquals(
          302,
          client
              .signIn(client.authorizeUrl(REDIRECT, Map.of()), "alice", "wonderland")
              .statusCode());
      assertEquals(0, provider.captchaShownCount());
    }
  }

  @Nested
  class StaySignedIn {
    @Test
    void bothAnswersContinueToTheRedirect() throws IOException {
      start(b -> b.staySignedInPrompt(true));
      for (String answer : List.of("no", "yes")) {
        HttpResponse<String> page =
            client.signIn(client.authorizeUrl(REDIRECT, Map.of()), "alice", "wonderland");
        assertEquals(200, page.statusCode(), page.body());
        String html = page.body();
        assertTrue(html.contains("<h1>Stay signed in?</h1>"), html);
        int no =
            html.indexOf(
                "<button type=\"submit\" name=\"stay_signed_in\" value=\"no\">No</button>");
        int yes =
            html.indexOf(
                "<button type=\"submit\" name=\"stay_signed_in\" value=\"yes\">Yes</button>");
        assertTrue(no >= 0 && yes > no, "No comes first:\n" + html);
        HttpResponse<String> done =
            post(
                "/login/stay-signed-in",
                "step_id",
                hidden(html, "step_id"),
                "stay_signed_in",
                answer);
        assertRedirectWithCode(done);
        assertRedeems(done);
      }
    }

    @Test
    void aMalformedAnswerDoesNotUseUpTheStepButAReplayIs400() throws IOException {
      start(b -> b.staySignedInPrompt(true));
      String stepId =
          hidden(
              client.signIn(client.authorizeUrl(REDIRECT, Map.of()), "alice", "wonderland").body(),
              "step_id");
      assertEquals(
          400,
          post("/login/stay-signed-in", "step_id", stepId, "stay_signed_in", "maybe").statusCode());
      assertEquals(400, post("/login/stay-signed-in", "step_id", stepId).statusCode());
      assertRedirectWithCode(
          post("/login/stay-signed-in", "step_id", stepId, "stay_signed_in", "yes"));
      assertEquals(
          400,
          post("/login/stay-signed-in", "step_id", stepId, "stay_signed_in", "yes").statusCode());
    }

    @Test
    void denyConsentStillDeniesAfterThePrompt() throws IOException {
      start(b -> b.staySignedInPrompt(true).denyConsent(true));
      String stepId =
          hidden(
              client.signIn(client.authorizeUrl(REDIRECT, Map.of()), "alice", "wonderland").body(),
              "step_id");
      HttpResponse<String> denied =
          post("/login/stay-signed-in", "step_id", stepId, "stay_signed_in", "no");
      assertEquals(302, denied.statusCode());
      assertEquals("access_denied", query(location(denied)).get("error"));
    }
  }

  @Nested
  class LockedUser {
    @Test
    void theRightPasswordSaysLockedAndAWrongOneSaysInvalid() throws IOException {
      start(b -> b.lockedUser("mallory"));
      String url = client.authorizeUrl(REDIRECT, Map.of());
      HttpResponse<String> locked = client.signIn(url, "mallory", "locked-out");
      assertAlert(locked, "Your account is locked. Contact your administrator.");
      assertTrue(locked.body().contains("value=\"mallory\""), "username is refilled");
      assertFalse(locked.body().contains("locked-out"), "the password is never echoed");
      assertAlert(client.signIn(url, "mallory", "guess"), "Invalid username or password.");
      assertRedirectWithCode(client.signIn(url, "alice", "wonderland"));
      assertEquals(0, provider.tokenRequestCount());
    }

    @Test
    void lockedOnPageTwoOfUsernameFirst() throws IOException {
      start(b -> b.lockedUser("mallory").usernameFirst(true));
      String stepId = hidden(identify("mallory").body(), "step_id");
      assertAlert(
          post("/login/password", "step_id", stepId, "password", "locked-out"),
          "Your account is locked. Contact your administrator.");
      assertAlert(
          post("/login/password", "step_id", stepId, "password", "guess"),
          "Invalid username or password.");
    }

    @Test
    void aLockedUserMustBeAnAccount() {
      DemoProvider.Builder builder =
          DemoProvider.builder()
              .client("c")
              .redirectUri(REDIRECT)
              .user("alice", "wonderland")
              .lockedUser("bob");
      assertThrows(IllegalStateException.class, builder::start);
      assertThrows(IllegalArgumentException.class, () -> DemoProvider.builder().lockedUser(" "));
    }
  }

  @Nested
  class Composition {
    @Test
    void usernameFirstThenCodeThenStaySignedInThenConsent() throws IOException {
      MutableClock clock = new MutableClock();
      start(
          b ->
              b.usernameFirst(true)
                  .totpSecret(SECRET)
                  .staySignedInPrompt(true)
                  .consentPage(true)
                  .clock(clock));

      String passwordStep = hidden(identify("alice").body(), "step_id");
      HttpResponse<String> codePage =
          post("/login/password", "step_id", passwordStep, "password", "wonderland");
      assertEquals(200, codePage.statusCode(), codePage.body());
      String codeStep = hidden(codePage.body(), "step_id");
      String code = DemoProvider.totpCode(SECRET, clock.instant());
      // Step ids are bound to their page: the code step cannot stand in for another one.
      assertEquals(
          400, post("/login/password", "step_id", codeStep, "password", "wonderland").statusCode());
      assertEquals(
          400,
          post("/login/stay-signed-in", "step_id", codeStep, "stay_signed_in", "yes").statusCode());
      assertEquals(400, post("/login/otp", "step_id", passwordStep, "otp", code).statusCode());

      assertAlert(
          post(
              "/login/otp",
              "step_id",
              codeStep,
              "otp",
              "000000".equals(code) ? "111111" : "000000"),
          "Invalid code.");
      HttpResponse<String> prompt = post("/login/otp", "step_id", codeStep, "otp", code);
      assertEquals(200, prompt.statusCode(), prompt.body());
      assertTrue(prompt.body().contains("<h1>Stay signed in?</h1>"), prompt.body());
      String promptStep = hidden(prompt.body(), "step_id");
      assertEquals(400, post("/login/otp", "step_id", promptStep, "otp", code).statusCode());

      HttpResponse<String> consent =
          post("/login/stay-signed-in", "step_id", promptStep, "stay_signed_in", "no");
      assertEquals(200, consent.statusCode(), consent.body());
      assertTrue(consent.body().contains("Authorize demo-client?"), consent.body());
      HttpResponse<String> done =
          post("/consent", "consent_id", hidden(consent.body(), "consent_id"), "decision", "allow");
      assertRedirectWithCode(done);
      assertRedeems(done);
      Redemption redemption = provider.redemptions().get(0);
      assertTrue(
          redemption.codeAge().compareTo(Duration.ofSeconds(10)) < 0,
          "issued right before the redirect");
    }

    @Test
    void implicitGrantGoesThroughTheStylesToo() throws IOException {
      start(b -> b.allowImplicit(true).usernameFirst(true).staySignedInPrompt(true));
      Map<String, String> implicit = new LinkedHashMap<>();
      implicit.put("response_type", "token");
      implicit.put("code_challenge", null);
      implicit.put("code_challenge_method", null);
      String requestId =
          LoopbackClient.requestId(client.get(client.authorizeUrl(REDIRECT, implicit)).body());
      String stepId =
          hidden(
              post("/login/identifier", "request_id", requestId, "identifier", "alice").body(),
              "step_id");
      String promptStep =
          hidden(
              post("/login/password", "step_id", stepId, "password", "wonderland").body(),
              "step_id");
      HttpResponse<String> done =
          post("/login/stay-signed-in", "step_id", promptStep, "stay_signed_in", "yes");
      assertEquals(302, done.statusCode());
      assertTrue(location(done).startsWith(REDIRECT + "#access_token="), location(done));
    }

    @Test
    void toStringNamesTheStylesButNotTheSecret() throws IOException {
      start(
          b ->
              b.usernameFirst(true)
                  .totpSecret(SECRET)
                  .captcha(true)
                  .staySignedInPrompt(true)
                  .lockedUser("mallory"));
      String text = provider.toString();
      assertTrue(
          text.contains("usernameFirst")
              && text.contains("totp")
              && text.contains("captcha")
              && text.contains("staySignedInPrompt")
              && text.contains("lockedUsers=1"),
          text);
      assertFalse(
          text.contains(SECRET) || text.contains("wonderland") || text.contains("locked-out"),
          text);
    }

    @Test
    void demoServerFlagsTurnTheStylesOn() throws IOException {
      try (DemoProvider fromFlags =
          DemoServer.start(
              new String[] {
                "--client",
                "cli",
                "--redirect-uri",
                REDIRECT,
                "--user",
                "bob:pw",
                "--username-first",
                "--totp-secret",
                SECRET,
                "--captcha",
                "--stay-signed-in-prompt",
                "--locked-user",
                "bob"
              })) {
        String text = fromFlags.toString();
        assertTrue(
            text.contains("usernameFirst")
                && text.contains("totp")
                && text.contains("captcha")
                && text.contains("staySignedInPrompt")
                && text.contains("lockedUsers=1"),
            text);
      }
      assertThrows(
          IllegalArgumentException.class,
          () -> DemoServer.start(new String[] {"--totp-secret", "x!"}));
    }
  }
}
