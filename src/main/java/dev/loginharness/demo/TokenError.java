package dev.loginharness.demo;

/**
 * An OAuth error response of the token endpoint (RFC 6749 5.2). Descriptions name what is wrong,
 * never the offending value, because that value may be a code, token or secret.
 *
 * <p>Unchecked and without a stack trace: it is control flow inside {@link TokenEndpoint}, caught and
 * turned into JSON there.
 */
final class TokenError extends RuntimeException {
    private final int status;
    private final String error;
    private final boolean basicChallenge;

    private TokenError(int status, String error, String description, boolean basicChallenge) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
        this.basicChallenge = basicChallenge;
    }

    static TokenError invalidRequest(String description) {
        return new TokenError(400, "invalid_request", description, false);
    }

    /** RFC 6749 5.2: a failed HTTP Basic attempt must be answered with a Basic challenge. */
    static TokenError invalidClient(String description, boolean triedBasic) {
        return new TokenError(401, "invalid_client", description, triedBasic);
    }

    static TokenError invalidGrant(String description) {
        return new TokenError(400, "invalid_grant", description, false);
    }

    static TokenError invalidScope(String description) {
        return new TokenError(400, "invalid_scope", description, false);
    }

    static TokenError unsupportedGrantType(String description) {
        return new TokenError(400, "unsupported_grant_type", description, false);
    }

    int status() {
        return status;
    }

    String error() {
        return error;
    }

    String description() {
        return getMessage();
    }

    boolean basicChallenge() {
        return basicChallenge;
    }
}
