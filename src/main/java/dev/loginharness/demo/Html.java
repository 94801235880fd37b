package dev.loginharness.demo;

/**
 * The few HTML pages the provider shows. Every value that came from a request is escaped; the
 * markup keeps stable ids and autocomplete hints because the harness's heuristic form filler (and
 * password managers) look for exactly those.
 */
final class Html {
    static final String LOGIN_TITLE = "Demo provider – sign in";
    static final String INVALID_CREDENTIALS = "Invalid username or password.";

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;max-width:22rem;margin:4rem auto;padding:0 1rem}
            label,input,button{display:block;width:100%;box-sizing:border-box;margin:.3rem 0}
            input,button{padding:.5rem;font-size:1rem}
            .error{color:#a00;border:1px solid #a00;padding:.5rem;margin:1rem 0}""";

    private Html() {}

    /**
     * The sign-in form. The hidden field carries only an opaque server-side id, so neither the
     * state nor the PKCE challenge ever round-trips through the page.
     */
    static String loginPage(String requestId, String username, boolean failed) {
        String error = failed
                ? "<div class=\"error\" role=\"alert\">" + INVALID_CREDENTIALS + "</div>\n"
                : "";
        return page(LOGIN_TITLE, """
                <h1>Sign in</h1>
                %s<form method="post" action="/login">
                <input type="hidden" name="request_id" value="%s">
                <label for="username">Username</label>
                <input type="text" name="username" id="username" autocomplete="username" value="%s" autofocus>
                <label for="password">Password</label>
                <input type="password" name="password" id="password" autocomplete="current-password">
                <button type="submit">Sign in</button>
                </form>
                """.formatted(error, escape(requestId), escape(username)));
    }

    /**
     * The consent page. "Cancel" comes first in the document on purpose: a robot that presses the
     * first button it finds denies access, so the harness has to choose the button by meaning.
     */
    static String consentPage(String consentId, String clientId) {
        String question = "Authorize " + clientId + "?";
        return page(question, """
                <h1>%s</h1>
                <p>The application <strong>%s</strong> asks for access to your account.</p>
                <form method="post" action="/consent">
                <input type="hidden" name="consent_id" value="%s">
                <button type="submit" name="decision" value="deny">Cancel</button>
                <button type="submit" name="decision" value="allow">Authorize</button>
                </form>
                """.formatted(escape(question), escape(clientId), escape(consentId)));
    }

    /** A page for errors that must not be redirected to the client (RFC 6749 4.1.2.1). */
    static String errorPage(String heading, String message) {
        return page("Demo provider – error", "<h1>" + escape(heading) + "</h1>\n<p>" + escape(message) + "</p>\n");
    }

    /** Imitates the bare page a WAF or CDN returns, which is what a missing header gets in real life. */
    static String forbiddenPage() {
        return "<html><body><h1>403 Forbidden</h1><p>Request blocked: a required header is missing or wrong."
                + "</p></body></html>\n";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n"
                + "<title>" + escape(title) + "</title>\n<style>" + STYLE + "</style>\n</head>\n<body>\n"
                + body + "</body>\n</html>\n";
    }
}
