/**
 * The embedded demo provider: a small but real OAuth 2.0 authorization server (authorization code
 * grant with mandatory PKCE S256, refresh-token rotation, client credentials, an optional implicit
 * grant, a login form and an optional consent page, revocation, DeviantArt's placebo check, OIDC
 * userinfo and discovery) bound to 127.0.0.1. {@link dev.loginharness.demo.DemoServer} runs one as
 * a process, for scripts and out-of-process benchmarks.
 *
 * <p>It exists so that the {@code demo} command, the end-to-end tests with a real Chromium and
 * users trying their CI set-up offline all have a provider that behaves like the real ones,
 * including the awkward parts: a custom-scheme "app" hop the browser cannot load, a token endpoint
 * that insists on a {@code User-Agent}, denied consent, a tampered {@code state} and expiring
 * codes. Switchable login styles reproduce the pages a generic form filler meets in the wild:
 * username and password on separate pages, an authenticator code (TOTP), "Stay signed in?", a
 * locked account, a captcha that no automation gets past, the form in a web component's shadow root
 * or in a same- or cross-origin frame, a required "I agree to the terms" box, and "Choose an
 * account".
 *
 * <p>This package owns the server side only and deliberately depends on nothing but the JDK — not
 * on the rest of the project (it is a server, not a client) and not on any library — so that it can
 * never accidentally share a bug with the client code it is used to test. The one exception is
 * {@link dev.loginharness.demo.DemoProvider#profile()}, which hands a test the client's view of the
 * provider as a {@code provider.ProviderProfile} value; no server code reads it. {@link
 * dev.loginharness.demo.DemoProvider} is the entry point — a test fixture for users' suites too
 * (docs/java-api.md, "Testing against the demo provider") — and {@code DemoServer} its command
 * line; everything else is package-private.
 *
 * <p>Secrets (passwords, client secrets, codes, tokens) never appear in {@code toString()}, in
 * exception messages or in any output of this package.
 */
package dev.loginharness.demo;
