/**
 * OAuth 2.0 on the wire, with no knowledge of browsers: PKCE, the authorization request, the
 * callback, the token endpoint (OkHttp + Jackson) and the tokens it returns.
 */
package dev.loginharness.oauth;
