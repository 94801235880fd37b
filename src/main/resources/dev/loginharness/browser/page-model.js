// The page model the form filler reads: one look at the page, in one JavaScript round trip,
// run by WebDriver's executeScript as the body of a function (hence the top-level return).
// Arguments: the profile's hints, each a CSS selector or '' — username, password, one-time code,
// submit, consent, challenge; a hint given wins over the heuristics for its field.
// Returns {user, pass, otp, consent, submit: element or null; challenge, error, url: strings}.
// Loaded once by PageModel.java; PageModelE2ETest checks it in Chromium.
const [hUser, hPass, hOtp, hSubmit, hConsent, hChallenge] = arguments;
const visible = e => {
  if (!e || e.disabled) return false;
  const r = e.getBoundingClientRect(), s = getComputedStyle(e);
  return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
};
const first = sel => { try { return [...document.querySelectorAll(sel)].find(visible) || null; } catch (x) { return null; } };
const describe = e => [e.name, e.id, e.placeholder, e.getAttribute('aria-label'),
    e.getAttribute('autocomplete')].join(' ');
const texts = [...document.querySelectorAll('input')].filter(e => visible(e) && !e.readOnly
    && ['text', 'email', 'tel', 'number', ''].includes((e.getAttribute('type') || '').toLowerCase()));

let challenge = '';
const frames = [...document.querySelectorAll('iframe')].map(f => (f.src || '') + ' ' + (f.title || ''));
if (hChallenge && first(hChallenge)) challenge = 'challenge (' + hChallenge + ')';
else if (frames.some(f => /recaptcha/i.test(f)) || first('.g-recaptcha')) challenge = 'captcha (reCAPTCHA)';
else if (frames.some(f => /hcaptcha/i.test(f)) || first('.h-captcha')) challenge = 'captcha (hCaptcha)';
else if (frames.some(f => /challenges\.cloudflare\.com|turnstile/i.test(f)) || first('.cf-turnstile'))
  challenge = 'captcha (Cloudflare Turnstile)';
else if (/verify it.?s you|confirm it.?s you|approve (the |this )?sign.?in request|check your (phone|device)|tap yes on your phone/i
    .test((document.body && document.body.innerText || '').slice(0, 5000)))
  challenge = 'device confirmation';

const pass = hPass ? first(hPass) : first('input[type=password]');
let otp = hOtp ? first(hOtp) : null;
if (!otp && !hOtp && !pass) {
  otp = first('input[autocomplete=one-time-code]') || texts.find(e =>
      /otp|totp|one.?time|mfa|2fa|two.?factor|verification.?code|security.?code|\bcode\b/i.test(describe(e))
      || (e.inputMode === 'numeric' && e.maxLength >= 6 && e.maxLength <= 8)) || null;
}
let user = hUser ? first(hUser) : null;
if (!user && !hUser && !otp) {
  const named = /user|email|e-mail|login|account|identifier/i;
  user = first('input[autocomplete^=username]') || first('input[type=email]')
      || texts.find(e => named.test(describe(e)))
      || (pass ? texts.find(e => e.form === pass.form && (e.compareDocumentPosition(pass) & 4)) : null)
      || null;
}
let consent = hConsent ? first(hConsent) : null;
if (!consent && !hConsent && !user && !pass && !otp) {
  // "Authorize this app?", "Stay signed in?": a button whose whole label says yes. Never
  // one that says no, whatever its position in the page.
  const yes = /^(authori[sz]e|allow|approve|accept|continue|yes|grant)( access| app)?$/i;
  const no = /cancel|deny|decline|reject/i;
  consent = [...document.querySelectorAll(
      'button, input[type=submit], input[type=button], a[role=button]')].find(e => {
    const label = (e.innerText || e.value || '').trim();
    return visible(e) && yes.test(label) && !no.test([label, e.name, e.value, e.id].join(' '));
  }) || null;
}
const errorSel = '[role=alert], .error, .alert-error, .alert-danger, .error-message, .errors, '
    + '#error, #error-message, .invalid-feedback, .kc-feedback-text, #input-error';
const errors = [...document.querySelectorAll(errorSel)].filter(visible)
    .map(e => e.innerText.trim()).filter(t => t.length > 0);
return {
  user: user, pass: pass, otp: otp, consent: consent, challenge: challenge,
  submit: hSubmit ? first(hSubmit) : null,
  error: [...new Set(errors)].join(' ').slice(0, 300),
  url: location.href
};
