package dev.paperclipee.system;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A separate instance of the jar in {@code authenticated} mode, with a bootstrap admin, for the
 * auth tests (one start per test class): {@code PaperclipApp.separate} with the extra environment.
 */
final class AuthenticatedApp {

    static final String ADMIN_EMAIL = "admin@example.com";
    static final String ADMIN_PASSWORD = "correct-horse-battery-staple";

    private AuthenticatedApp() {
    }

    static PaperclipApp start(String name, Map<String, String> extra) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PAPERCLIP_DEPLOYMENT_MODE", "authenticated");
        env.put("PAPERCLIP_BOOTSTRAP_ADMIN_EMAIL", ADMIN_EMAIL);
        env.put("PAPERCLIP_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.putAll(extra);
        return PaperclipApp.separate(name, env);
    }

    /** Logs in over the API and answers the session cookie ({@code JSESSIONID=…}) to send back. */
    static String login(Api api, String email, String password) {
        Api.Reply reply = api.post("/api/auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
        if (reply.status() != 200) {
            throw new AssertionError("login failed: " + reply);
        }
        return sessionCookie(reply);
    }

    static String sessionCookie(Api.Reply reply) {
        return reply.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
                .reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no session cookie in " + reply + " " + reply.headers().map()));
    }

    static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    /** A board session's headers for a mutation from the board's own pages. */
    static Map<String, String> session(String cookie, PaperclipApp app) {
        return Map.of("Cookie", cookie, "Origin", "http://127.0.0.1:" + app.port());
    }
}
