package dev.paperclipee.heartbeat.control;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who a comment mentions: {@code @Name}, the whole name, case-insensitively (the caller lower-cases). */
class WakeUpsTest {

    @Test
    void aMentionIsTheWholeNameAfterAnAt() {
        assertTrue(WakeUps.mentions("please look, @ada", "ada"));
        assertTrue(WakeUps.mentions("@ada lovelace: review this", "ada lovelace"));
        assertTrue(WakeUps.mentions("(@ada)", "ada"));
        assertTrue(WakeUps.mentions("cc @adam, @ada.", "ada"), "a later exact mention counts");
        assertFalse(WakeUps.mentions("cc @adam", "ada"), "a longer name is someone else");
        assertFalse(WakeUps.mentions("mail ada@example.com", "example"));
        assertFalse(WakeUps.mentions("x@ada", "ada"), "part of a word is no mention");
        assertFalse(WakeUps.mentions("ada", "ada"), "no @, no mention");
    }
}
