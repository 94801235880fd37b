// The Playwright script scripts/bench measures login-harness against: one headless OIDC login
// against a real provider, the way a small, well-written Playwright script does it.
//
//   node login.mjs --issuer URL --client-id ID --redirect-uri URI --username NAME \
//       --password-env VAR --browser PATH [--scope SCOPE]
//
// Discovery (fetch), PKCE S256 and state, launch the given Chromium headless (never a downloaded
// one), open the authorization URL, fill the username and password, submit, see the request to
// the redirect URI with page.on('request') the moment the browser sends it, redeem the code with
// fetch, print the access token on stdout, close the browser, exit. On stderr, one timeline line:
// offsets in ms from the start of this process, as `performance.now()` counts them.
// Exit 0 with a token; 1 with one line on stderr saying what went wrong (never the password).
import { createHash, randomBytes } from 'node:crypto';
import { chromium } from 'playwright-core';

const marks = [`modules-loaded ${performance.now().toFixed(1)} ms`];
const mark = (name, note) =>
  marks.push(`${name} ${performance.now().toFixed(1)} ms${note ? ` (${note})` : ''}`);

function options(argv) {
  const wanted = ['issuer', 'client-id', 'redirect-uri', 'username', 'password-env', 'browser'];
  const given = { scope: 'openid' };
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i].replace(/^--/, '');
    if (!argv[i].startsWith('--') || !(wanted.includes(name) || name === 'scope') || i + 1 >= argv.length) {
      throw new Error(`unknown or incomplete argument ${argv[i]}`);
    }
    given[name] = argv[i + 1];
  }
  const missing = wanted.filter((name) => !given[name]);
  if (missing.length) {
    throw new Error(`missing --${missing.join(', --')}`);
  }
  const password = process.env[given['password-env']];
  if (!password) {
    throw new Error(`environment variable ${given['password-env']} is empty or unset`);
  }
  return { ...given, password };
}

async function main() {
  const o = options(process.argv.slice(2));
  const discovery = await (await fetch(`${o.issuer}/.well-known/openid-configuration`)).json();
  mark('discovery');
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(16).toString('base64url');
  const authorize = new URL(discovery.authorization_endpoint);
  authorize.search = new URLSearchParams({
    response_type: 'code',
    client_id: o['client-id'],
    redirect_uri: o['redirect-uri'],
    scope: o.scope,
    state,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();

  // The flags login-harness adds that Playwright's own defaults (which include
  // --disable-background-networking, --disable-component-update, --disable-dev-shm-usage,
  // --no-first-run, --password-store=basic, and --no-sandbox) do not.
  const browser = await chromium.launch({
    executablePath: o.browser,
    headless: true,
    args: ['--disable-gpu', '--disable-sync', '--disable-quic', '--window-size=1280,900'],
  });
  try {
    mark('browser-launched');
    const page = await browser.newPage();
    let tokens;
    const redeemed = new Promise((resolve, reject) => {
      page.on('request', (request) => {
        if (tokens || !request.url().startsWith(o['redirect-uri'])) {
          return;
        }
        mark('callback-captured');
        const params = new URL(request.url()).searchParams;
        if (params.get('state') !== state || !params.get('code')) {
          reject(new Error(`the callback has ${params.get('error') ?? 'no code or another state'}`));
          return;
        }
        tokens = fetch(discovery.token_endpoint, {
          method: 'POST',
          body: new URLSearchParams({
            grant_type: 'authorization_code',
            code: params.get('code'),
            redirect_uri: o['redirect-uri'],
            client_id: o['client-id'],
            code_verifier: verifier,
          }),
        });
        mark('token-request-sent');
        tokens.then(resolve, reject);
      });
    });
    await page.goto(authorize.href, { waitUntil: 'domcontentloaded' });
    mark('authorize-page-loaded');
    await page.fill('input[name="username"]', o.username);
    await page.fill('input[name="password"]', o.password);
    // The redirect to a port where nothing listens ends in an error page; only the request counts.
    page.click('#kc-login').catch(() => {});
    mark('submitted');
    const response = await redeemed;
    const body = await response.json();
    mark('token-response');
    if (!response.ok || !body.access_token) {
      throw new Error(`the token endpoint answered HTTP ${response.status} ${body.error ?? ''}`);
    }
    process.stdout.write(`${body.access_token}\n`);
    mark('tokens');
  } finally {
    await browser.close();
    mark('browser-closed');
    process.stderr.write(`timeline: ${marks.join(' | ')}\n`);
  }
}

const watchdog = setTimeout(() => {
  process.stderr.write('login.mjs: no tokens within 60 s\n');
  process.exit(1);
}, 60_000);
main().then(
  () => {
    clearTimeout(watchdog);
    process.exit(0);
  },
  (error) => {
    process.stderr.write(`login.mjs: ${error.message.split('\n')[0]}\n`);
    process.exit(1);
  },
);
