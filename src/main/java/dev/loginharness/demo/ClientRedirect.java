package dev.loginharness.demo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the redirects back to the client (RFC 6749 4.1.2, 4.1.2.1, 4.2.2 and 4.2.2.1). The one
 * place that echoes {@code state}, so {@code tamperState} affects every redirect alike.
 */
final class ClientRedirect {
  private final boolean tamperState;

  ClientRedirect(boolean tamperState) {
    this.tamperState = tamperState;
  }

  String withCode(PendingAuthorization request, String code) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("code", code);
    return location(request.redirectUri(), params, request.state());
  }

  /**
   * The implicit grant's answer, in the fragment: a fragment never leaves the browser, so the token
   * is not sent to the client's server or logged by it.
   */
  String withToken(PendingAuthorization request, String accessToken, long expiresIn) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("access_token", accessToken);
    params.put("token_type", "bearer");
    params.put("expires_in", Long.toString(expiresIn));
    request.scope().ifPresent(scope -> params.put("scope", scope));
    return request.redirectUri() + "#" + encoded(params, request.state());
  }

  /** An error in the query (code flow). */
  String withError(String redirectUri, Optional<String> state, String error, String description) {
    return location(redirectUri, errorParams(error, description), state);
  }

  /** An error in the fragment, where the implicit grant's answers go (RFC 6749 4.2.2.1). */
  String withFragmentError(
      String redirectUri, Optional<String> state, String error, String description) {
    return redirectUri + "#" + encoded(errorParams(error, description), state);
  }

  /** An error where this request's answer goes. */
  String withError(PendingAuthorization request, String error, String description) {
    return request.implicit()
        ? withFragmentError(request.redirectUri(), request.state(), error, description)
        : withError(request.redirectUri(), request.state(), error, description);
  }

  private static Map<String, String> errorParams(String error, String description) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("error", error);
    params.put("error_description", description);
    return params;
  }

  private String location(String redirectUri, Map<String, String> params, Optional<String> state) {
    echoState(params, state);
    return Params.appendQuery(redirectUri, params);
  }

  private String encoded(Map<String, String> params, Optional<String> state) {
    echoState(params, state);
    return Params.appendQuery("", params).substring(1);
  }

  private void echoState(Map<String, String> params, Optional<String> state) {
    // A tampered state is sent even when none was received: either way it is "not what the
    // client sent", which is what a state check must catch.
    Optional<String> echoed = tamperState ? Optional.of(Randoms.id()) : state;
    echoed.ifPresent(value -> params.put("state", value));
  }
}
