package dev.loginharness.demo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the redirects back to the client (RFC 6749 4.1.2 and 4.1.2.1). The one place that echoes
 * {@code state}, so {@code tamperState} affects every redirect alike.
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

    String withError(String redirectUri, Optional<String> state, String error, String description) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("error", error);
        params.put("error_description", description);
        return location(redirectUri, params, state);
    }

    private String location(String redirectUri, Map<String, String> params, Optional<String> state) {
        // A tampered state is sent even when none was received: either way it is "not what the
        // client sent", which is what a state check must catch.
        Optional<String> echoed = tamperState ? Optional.of(Randoms.id()) : state;
        echoed.ifPresent(value -> params.put("state", value));
        return Params.appendQuery(redirectUri, params);
    }
}
