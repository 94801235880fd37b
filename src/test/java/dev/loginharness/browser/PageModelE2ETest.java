package dev.loginharness.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loginharness.browser.PageModel.Page;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;

/**
 * The page classifier ({@code page-model.js}) in a real headless Chromium: small sign-in pages as
 * {@code data:} URLs, and what it finds on each — which field is the username, the password, the
 * one-time code, which button says yes, what is a challenge, what is an error — and what it must
 * not take (a honeypot, a "Deny" button, fields a hint did not name). Elements are told apart by
 * their {@code id}.
 */
@Tag("e2e")
class PageModelE2ETest {
  @RegisterExtension static final HeadlessPages browser = new HeadlessPages();

  @Test
  void usernameAndPasswordOnOnePage() {
    Page p =
        read(
            """
            <form><label>Email <input id=u type=email name=email></label>
            <label>Password <input id=p type=password name=password></label>
            <button id=go>Sign in</button></form>""");

    assertEquals("u", id(p.user()));
    assertEquals("p", id(p.password()));
    assertNull(p.otp());
    assertNull(p.consent(), "no consent button on a page with fields");
    assertNull(p.submit(), "the submit button is the filler's business unless hinted");
    assertEquals("", p.challenge());
    assertEquals("", p.error());
    assertTrue(p.actionable());
  }

  @Test
  void usernameFirstPageHasNoPassword() {
    Page p = read("<form><input id=u type=text name=identifier><button>Next</button></form>");

    assertEquals("u", id(p.user()));
    assertNull(p.password());
    assertNull(p.otp());
  }

  @Test
  void usernameFoundByItsPlaceholderOrLabelOrAutocomplete() {
    assertEquals(
        "u", id(read("<input id=x type=text name=q><input id=u placeholder=E-mail>").user()));
    assertEquals("u", id(read("<input id=u type=text aria-label='Account name'>").user()));
    assertEquals(
        "u", id(read("<input id=x type=text name=city><input id=u autocomplete=username>").user()));
  }

  @Test
  void anUnnamedTextFieldBeforeThePasswordInItsFormIsTheUsername() {
    Page p =
        read(
            """
            <input id=search type=text name=q>
            <form><input id=u type=text name=f1><input id=p type=password name=f2></form>""");

    assertEquals("u", id(p.user()));
    assertEquals("p", id(p.password()));
  }

  @Test
  void oneTimeCodeFieldsByAutocompleteByNameAndByNumericShape() {
    assertEquals("c", id(read("<input id=c type=text autocomplete=one-time-code>").otp()));
    assertEquals("c", id(read("<input id=c type=text name=totp>").otp()));
    assertEquals("c", id(read("<input id=c type=tel placeholder='Security code'>").otp()));
    assertEquals(
        "c", id(read("<input id=c type=text name=x inputmode=numeric maxlength=6>").otp()));
  }

  @Test
  void aCodePageIsNotAUsernamePage() {
    Page p = read("<input id=c type=text name=verification_code>");

    assertEquals("c", id(p.otp()));
    assertNull(p.user(), "a code field is never also taken for the username");
  }

  @Test
  void besideAPasswordNoFieldIsTakenForACode() {
    Page p = read("<form><input id=u name=user><input id=p type=password name=pw></form>");

    assertNull(p.otp());
    assertEquals("u", id(p.user()));
  }

  @Test
  void honeypotsAndHiddenFieldsAreIgnored() {
    Page p =
        read(
            """
            <form>
            <input id=trap1 type=text name=username style="display:none">
            <input id=trap2 type=email name=email style="visibility:hidden">
            <input id=trap3 type=text name=login style="width:0;height:0;border:0;padding:0">
            <input id=trap4 type=password name=password2 disabled>
            <div style="display:none"><input id=trap5 type=password name=password3></div>
            <input id=u type=text name=account>
            <input id=p type=password name=password>
            </form>""");

    assertEquals("u", id(p.user()));
    assertEquals("p", id(p.password()));
  }

  @Test
  void aHiddenPasswordHoneypotDoesNotMakeAPasswordPage() {
    Page p =
        read(
            """
            <form><input id=u type=email name=email>
            <input id=trap type=password name=password style="position:absolute;display:none">
            </form>""");

    assertEquals("u", id(p.user()));
    assertNull(p.password());
  }

  @Test
  void readOnlyTextFieldsAreNotFilled() {
    Page p = read("<input id=shown type=text name=username readonly value=alice>");

    assertNull(p.user());
    assertFalse(p.actionable());
  }

  @Test
  void consentIsTheButtonThatSaysYesWhereverItStands() {
    Page p =
        read(
            """
            <p>Authorize Demo App to read your profile?</p>
            <button id=no>Deny</button> <button id=yes>Authorize</button>""");

    assertEquals("yes", id(p.consent()));
    assertTrue(p.actionable());
  }

  @Test
  void consentLabelsThatCountAsYes() {
    for (String label :
        List.of("Allow", "Allow access", "Approve", "Accept", "Continue", "Yes", "Grant access")) {
      assertEquals(
          "yes", id(read("<button id=yes>" + label + "</button>").consent()), "label " + label);
    }
    assertEquals("yes", id(read("<input id=yes type=submit value=Allow>").consent()));
    assertEquals("yes", id(read("<a id=yes role=button href=#>Continue</a>").consent()));
  }

  @Test
  void noConsentFromAButtonThatSaysNoOrMore() {
    assertNull(read("<button id=b>Cancel</button>").consent());
    assertNull(read("<button id=b>Allow all cookies and tracking</button>").consent());
    assertNull(read("<button id=deny-allow>Allow</button>").consent(), "its id says deny");
    assertNull(read("<button id=b name=decline>Continue</button>").consent(), "its name says no");
    assertNull(read("<button id=b style=display:none>Allow</button>").consent(), "hidden");
    assertFalse(read("<p>Signed in.</p>").actionable());
  }

  @Test
  void noConsentOnAPageWithAField() {
    Page p = read("<input id=u type=email><button id=b>Continue</button>");

    assertEquals("u", id(p.user()));
    assertNull(p.consent());
  }

  @Test
  void captchasAndDeviceConfirmationsAreChallenges() {
    assertEquals(
        "captcha (reCAPTCHA)",
        read("<iframe src='about:blank' title='reCAPTCHA'></iframe><input type=password>")
            .challenge());
    assertEquals("captcha (reCAPTCHA)", read("<div class=g-recaptcha>box</div>").challenge());
    assertEquals("captcha (hCaptcha)", read("<div class=h-captcha>box</div>").challenge());
    assertEquals(
        "captcha (Cloudflare Turnstile)", read("<div class=cf-turnstile>box</div>").challenge());
    assertEquals(
        "device confirmation",
        read("<h1>Verify it's you</h1><p>Tap yes on your phone.</p>").challenge());
    assertEquals("", read("<div class=g-recaptcha style=display:none>x</div>").challenge());
    assertTrue(read("<div class=h-captcha>box</div>").actionable());
  }

  @Test
  void hintsWinOverTheHeuristicsAndAHintThatFindsNothingFindsNothing() {
    String html =
        """
        <form><input id=u type=email name=email><input id=weird type=text name=zz>
        <input id=p type=password><input id=p2 type=text name=zzz>
        <span id=send role=button>Go</span><button id=ok>Allow</button></form>""";
    FormHints hints = hints("#weird", "#p2", "#nothing-here", "#send", null, null);

    Page p = read(html, hints);

    assertEquals("weird", id(p.user()));
    assertEquals("p2", id(p.password()));
    assertNull(p.otp(), "a hinted code field that is not there is not guessed");
    assertEquals("send", id(p.submit()));
  }

  @Test
  void aConsentHintAndAChallengeHint() {
    FormHints hints = hints(null, null, null, null, "#agree", ".puzzle");

    assertEquals("agree", id(read("<button id=agree>Sure, go on</button>", hints).consent()));
    assertEquals(
        "challenge (.puzzle)",
        read("<div class=puzzle>slide</div><input type=password>", hints).challenge());
  }

  @Test
  void aHintThatIsNoSelectorFindsNothingAndBreaksNothing() {
    FormHints hints = hints("[[not css", null, null, null, null, null);

    Page p = read("<input id=u type=email><input id=p type=password>", hints);

    assertNull(p.user());
    assertEquals("p", id(p.password()));
  }

  @Test
  void visibleErrorsAreReadOnceEachAndHiddenOnesNot() {
    Page p =
        read(
            """
            <div role=alert>Wrong password.</div><p class=error>Wrong password.</p>
            <p class=invalid-feedback>Try again.</p><p class=error style=display:none>old</p>
            <input id=p type=password>""");

    assertEquals("Wrong password. Try again.", p.error());
    assertTrue(p.url().startsWith("data:text/html"), p.url());
  }

  @Test
  void fieldsInsideOpenShadowRootsNestedOrNot() {
    Page p =
        read(
            """
            <sign-in id=host></sign-in>
            <script>
            const outer = document.getElementById('host').attachShadow({mode: 'open'});
            outer.innerHTML = '<form><input id=u type=email name=email><inner-box></inner-box>'
                + '<button id=go>Sign in</button></form>';
            outer.querySelector('inner-box').attachShadow({mode: 'open'}).innerHTML =
                '<input id=p type=password name=password><div role=alert>Wrong password.</div>';
            </script>""");

    assertEquals("u", id(p.user()));
    assertEquals("p", id(p.password()));
    assertEquals("Wrong password.", p.error());
  }

  @Test
  void theTermsBoxIsTickedButNeverKeepMeSignedIn() {
    Page p =
        read(
            """
            <form><input id=u name=username><input id=p type=password>
            <label><input id=keep type=checkbox> Keep me signed in</label>
            <label><input id=remember type=checkbox> Remember me on this device</label>
            <input id=terms type=checkbox><label for=terms>I agree to the Terms of Service and
            the Privacy Policy</label><button>Sign in</button></form>""");

    assertEquals("terms", id(p.agree()));
    assertNull(
        read("<input id=p type=password><label><input type=checkbox> Keep me signed in</label>")
            .agree());
    assertNull(
        read("<input id=p type=password><label><input type=checkbox checked> I accept the terms")
            .agree(),
        "already ticked");
    assertNull(
        read("<label><input id=t type=checkbox> I accept the terms</label>").agree(),
        "no field to submit beside it");
  }

  @Test
  void keepMeSignedInOnlyWhenTheProfileAsks() {
    String html =
        """
        <form><input id=u name=username><input id=p type=password>
        <label><input id=keep type=checkbox> Keep me signed in</label></form>""";
    FormHints keep = FormHints.NONE.withKeepSignedIn(true);

    assertNull(read(html).keepSignedIn());
    assertEquals("keep", id(read(html, keep).keepSignedIn()));
    assertNull(read(html, keep).agree());
  }

  @Test
  void anIAmNotARobotBoxIsAChallenge() {
    Page p =
        read(
            """
            <input id=p type=password>
            <label><input type=checkbox name=human> I'm not a robot</label>""");

    assertEquals("captcha (\"I am not a robot\" checkbox)", p.challenge());
    assertNull(p.agree());
  }

  @Test
  void anAccountPickerChoosesTheTileOfTheUsernameElseAnotherAccount() {
    String picker =
        """
        <h1>Choose an account</h1>
        <ul><li><a id=bob href=#b><b>Bob</b> bob@example.com</a></li>
        <li><a id=alice href=#a><b>Alice</b> alice@example.com</a></li>
        <li><a id=other href=#o>Use another account</a></li></ul>""";

    assertEquals("alice", id(read(picker, FormHints.NONE, "Alice@example.com").account()));
    assertEquals("other", id(read(picker, FormHints.NONE, "carol").account()));
    assertNull(read(picker, FormHints.NONE, "carol").consent());
    assertTrue(read(picker, FormHints.NONE, "carol").actionable());
    assertNull(
        read("<p>Bob</p><a id=bob href=#b>bob@example.com</a>", FormHints.NONE, "bob").account(),
        "no picker without its heading");
  }

  @Test
  void aFormInASameOriginFrameIsReadInsideItAndTheDriverLeftThere() {
    Page p =
        read(
            """
            <h1>Shop</h1><iframe id=f width=300 height=300 srcdoc="<form target=_top>
            <input id=u name=username><input id=p type=password></form>"></iframe>""");

    assertEquals(1, p.frames().size());
    assertEquals("u", id(p.user()));
    assertEquals("p", id(p.password()));
    assertEquals("", p.foreignFrame());
  }

  @Test
  void aLargeFrameFromAnotherOriginIsNamedAndASmallOneNot() {
    String other = "data:text/html,<input type=password>";
    Page p = read("<h1>Shop</h1><iframe width=300 height=300 src='" + other + "'></iframe>");

    assertFalse(p.actionable());
    assertEquals("null", p.foreignFrame(), "a data: document's origin is opaque");
    assertEquals(
        "", read("<iframe width=20 height=20 src='" + other + "'></iframe>").foreignFrame());
  }

  private static Page read(String html) {
    return read(html, FormHints.NONE);
  }

  private static Page read(String html, FormHints hints) {
    return read(html, hints, "");
  }

  private static Page read(String html, FormHints hints, String username) {
    browser.open(html);
    return PageModel.read(browser.driver(), hints, username).orElseThrow();
  }

  /** Hints in the classifier's order; null for none. */
  private static FormHints hints(
      String user, String password, String otp, String submit, String consent, String challenge) {
    return new FormHints(
        Optional.ofNullable(user),
        Optional.ofNullable(password),
        Optional.ofNullable(otp),
        Optional.ofNullable(submit),
        Optional.ofNullable(consent),
        Optional.ofNullable(challenge),
        List.of(),
        false,
        FormHints.Typing.INSERT);
  }

  private static String id(WebElement element) {
    return element == null ? null : element.getAttribute("id");
  }
}
