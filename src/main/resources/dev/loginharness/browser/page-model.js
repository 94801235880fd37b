// The page model the form filler reads: one look at the page, in one JavaScript round trip,
// run by WebDriver's executeScript as the body of a function (hence the top-level return).
// Arguments: the profile's hints, each a CSS selector or '' — username, password, one-time code,
// submit, consent, challenge; a hint given wins over the heuristics for its field — then the
// username being signed in ('' when none), for the tiles of an account picker, and whether the
// profile wants a "keep me signed in" box ticked.
// It looks through open shadow roots as through the document. Frames it only reports: a
// same-origin frame holding a form (PageModel.java reads it again inside that frame, where
// WebDriver can act on its elements) and the origin of a large cross-origin one.
// Returns {user, pass, otp, consent, submit, agree, keep, account, frame: element or null;
// challenge, error, url, foreignFrame: strings}.
// Loaded once by PageModel.java; PageModelE2ETest checks it in Chromium.
const [hUser, hPass, hOtp, hSubmit, hConsent, hChallenge, username, keepSignedIn] = arguments;
const visible = e => {
  if (!e || e.disabled) return false;
  const r = e.getBoundingClientRect(), s = getComputedStyle(e);
  return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
};
// The document and every open shadow root in it, outermost first.
const roots = [document];
for (let i = 0; i < roots.length; i++) {
  for (const e of roots[i].querySelectorAll('*')) if (e.shadowRoot) roots.push(e.shadowRoot);
}
const all = sel => roots.flatMap(r => { try { return [...r.querySelectorAll(sel)]; } catch (x) { return []; } });
const first = sel => all(sel).find(visible) || null;
const describe = e => [e.name, e.id, e.placeholder, e.getAttribute('aria-label'),
    e.getAttribute('autocomplete')].join(' ');
const texts = all('input').filter(e => visible(e) && !e.readOnly
    && ['text', 'email', 'tel', 'number', ''].includes((e.getAttribute('type') || '').toLowerCase()));
// What a checkbox says: its labels, its aria-label, the label around it, else its parent's text.
const labelOf = e => [...(e.labels || [])].map(l => l.innerText)
    .concat([e.getAttribute('aria-label') || '']).join(' ').trim()
    || (e.parentElement && e.parentElement.innerText) || '';
const boxes = all('input[type=checkbox]').filter(e => visible(e) || [...(e.labels || [])].some(visible));
const pageText = roots.map(r => (r === document ? document.body : r)?.textContent || '').join(' ').slice(0, 5000);

let challenge = '';
const iframes = all('iframe');
const frames = iframes.map(f => (f.src || '') + ' ' + (f.title || ''));
if (hChallenge && first(hChallenge)) challenge = 'challenge (' + hChallenge + ')';
else if (frames.some(f => /recaptcha/i.test(f)) || first('.g-recaptcha')) challenge = 'captcha (reCAPTCHA)';
else if (frames.some(f => /hcaptcha/i.test(f)) || first('.h-captcha')) challenge = 'captcha (hCaptcha)';
else if (frames.some(f => /challenges\.cloudflare\.com|turnstile/i.test(f)) || first('.cf-turnstile'))
  challenge = 'captcha (Cloudflare Turnstile)';
else if (boxes.some(e => /not a robot|i.?m (a )?human|are you (a )?human|kein roboter/i.test(labelOf(e))))
  challenge = 'captcha ("I am not a robot" checkbox)';
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
// A required "I agree to the terms / privacy policy" box of the form being filled. Never
// "remember me" / "keep me signed in": that is the profile's choice, not the page's.
let agree = null, keep = null;
const field = pass || user || otp;
if (field) {
  const terms = /\b(agree|accept|consent|read)\b[^.]*\b(terms|conditions|privacy|policy|policies|eula)\b|terms of (service|use)|privacy (policy|notice|statement)|\b(agb|datenschutz|nutzungsbedingungen)\b/i;
  const stay = /remember|keep me|stay signed|signed in|logged in|trust this|angemeldet bleiben/i;
  agree = boxes.find(e => !e.checked && (e.form === field.form || !e.form)
      && terms.test(labelOf(e)) && !stay.test(labelOf(e))) || null;
  keep = keepSignedIn ? boxes.find(e => !e.checked && (e.form === field.form || !e.form)
      && stay.test(labelOf(e))) || null : null;
}
let consent = hConsent ? first(hConsent) : null;
let account = null;
if (!consent && !hConsent && !user && !pass && !otp) {
  // "Choose an account": the tile of the account being signed in, else "use another account".
  if (/(choose|pick|select) an account|konto auswählen/i.test(pageText)) {
    const tiles = all('button, a[href], [role=button], [role=link], [role=option], [data-identifier], [data-email]')
        .filter(visible);
    const name = (username || '').trim().toLowerCase();
    account = (name ? tiles.find(e => (e.innerText || '').toLowerCase().includes(name)) : null)
        || tiles.find(e => /(use|with|add) (another|a different|other) account|anderes konto/i
            .test(e.innerText || '')) || null;
  }
  // "Authorize this app?", "Stay signed in?": a button whose whole label says yes. Never
  // one that says no, whatever its position in the page.
  const yes = /^(authori[sz]e|allow|approve|accept|continue|yes|grant)( access| app)?$/i;
  const no = /cancel|deny|decline|reject/i;
  consent = account ? null : all('button, input[type=submit], input[type=button], a[role=button]').find(e => {
    const label = (e.innerText || e.value || '').trim();
    return visible(e) && yes.test(label) && !no.test([label, e.name, e.value, e.id].join(' '));
  }) || null;
}
// Frames, when this document asks nothing itself: the first same-origin one with a visible field,
// else the origin of the first large one this script cannot see into.
let frame = null, foreignFrame = '';
if (!user && !pass && !otp && !consent && !account && !challenge) {
  for (const f of iframes.filter(visible)) {
    let doc = null;
    try { doc = f.contentDocument; } catch (x) { doc = null; }
    if (doc) {
      if (doc.querySelector('input:not([type=hidden]), button, iframe')) {
        frame = f;
        break;
      }
    } else if (!foreignFrame) {
      const r = f.getBoundingClientRect();
      if (r.width >= 150 && r.height >= 100) {
        try { foreignFrame = new URL(f.src, location.href).origin; } catch (x) { foreignFrame = f.src; }
      }
    }
  }
}
const errorSel = '[role=alert], .error, .alert-error, .alert-danger, .error-message, .errors, '
    + '#error, #error-message, .invalid-feedback, .kc-feedback-text, #input-error';
const errors = all(errorSel).filter(visible)
    .map(e => e.innerText.trim()).filter(t => t.length > 0);
return {
  user: user, pass: pass, otp: otp, consent: consent, challenge: challenge,
  submit: hSubmit ? first(hSubmit) : null,
  agree: agree, keep: keep, account: account, frame: frame, foreignFrame: frame ? '' : foreignFrame,
  error: [...new Set(errors)].join(' ').slice(0, 300),
  url: location.href
};
