package dev.paperclipee.rest.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The same-origin check of session mutations (CSRF, spec §16). */
class OriginsTest {

    @Test
    void theServersOwnOriginOrRefererPasses() {
        assertTrue(Origins.sameOrigin("http://127.0.0.1:8080", null, "127.0.0.1:8080", "http"));
        assertTrue(Origins.sameOrigin(null, "http://127.0.0.1:8080/companies?x=1", "127.0.0.1:8080", "http"));
        assertTrue(Origins.sameOrigin("HTTP://Board.Example:8080", null, "board.example:8080", "http"));
        assertTrue(Origins.sameOrigin("https://board.example", null, "board.example:443", "https"), "default port");
        assertTrue(Origins.sameOrigin("http://board.example:80", null, "board.example", "http"), "default port");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://evil.example", "http://127.0.0.1:9999", "https://127.0.0.1:8080", "null", "",
            "not a url", "http://127.0.0.1:8080.evil.example", "file:///etc/passwd"})
    void anythingElseIsRefused(String origin) {
        assertFalse(Origins.sameOrigin(origin, null, "127.0.0.1:8080", "http"), origin);
    }

    @Test
    void noOriginNoRefererOrNoHostIsRefused() {
        assertFalse(Origins.sameOrigin(null, null, "127.0.0.1:8080", "http"));
        assertFalse(Origins.sameOrigin("http://127.0.0.1:8080", null, null, "http"));
        assertFalse(Origins.sameOrigin(null, "http://evil.example/", "127.0.0.1:8080", "http"));
    }

    @Test
    void boardPagesAreEverythingButTheApiTheLoginPageAndResources() {
        assertTrue(PaperclipAuthentication.isBoardPath("/"));
        assertTrue(PaperclipAuthentication.isBoardPath("/companies"));
        assertTrue(PaperclipAuthentication.isBoardPath("/index.xhtml"));
        assertFalse(PaperclipAuthentication.isBoardPath("/api/companies"));
        assertFalse(PaperclipAuthentication.isBoardPath("/login"));
        assertFalse(PaperclipAuthentication.isBoardPath("/login.xhtml"));
        assertFalse(PaperclipAuthentication.isBoardPath("/jakarta.faces.resource/board.css.xhtml"));
    }
}
