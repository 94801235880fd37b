package dev.loginharness.demo;

/**
 * What the token endpoint does instead of its normal answer, for the first requests (see {@link
 * DemoProvider.Builder#tokenFault}): the faults a provider, or whatever stands in front of it, is
 * seen to produce, for tests of what a client makes of them.
 */
public enum TokenFault {
  /**
   * 503 with an HTML page, before the request is looked at (a load balancer with no backend): the
   * code is not consumed. With {@link DemoProvider.Builder#tokenFaultRetryAfter} it carries {@code
   * Retry-After}.
   */
  UNAVAILABLE,
  /** The connection is closed without an answer, before the request is looked at. */
  DROP_CONNECTION,
  /**
   * The request is served, tokens issued, and 200 {@code application/json} answers with only the
   * first half of the token response (a proxy that cut it short): the body holds real tokens.
   */
  TRUNCATED_BODY,
  /**
   * 400 {@code invalid_request} whose {@code error_description} holds terminal escape sequences
   * (clear the screen, set the window title, a bell) and 60 000 characters more.
   */
  HOSTILE_ERROR_TEXT,
  /**
   * The request is served, tokens issued, and the access token in the 200 answer ends in CR LF and
   * a header line: a client that prints it into {@code Authorization: Bearer …} sends that header
   * too.
   */
  CRLF_IN_TOKEN;

  /** Served as a success whose answer is then spoiled, rather than refused before it is served. */
  boolean spoilsASuccess() {
    return this == TRUNCATED_BODY || this == CRLF_IN_TOKEN;
  }
}
