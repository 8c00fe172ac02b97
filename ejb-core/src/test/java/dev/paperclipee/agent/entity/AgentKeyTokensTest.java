package dev.paperclipee.agent.entity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Spec §7.3 and api-contract "Who is calling": the token's shape and its stored hash. */
class AgentKeyTokensTest {

    @Test
    void tokensArePcpAnd48LowerCaseHexDigitsAndNeverRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String token = AgentKeyTokens.generate();
            assertTrue(token.matches("pcp_[0-9a-f]{48}"), token);
            assertTrue(AgentKeyTokens.wellFormed(token), token);
            assertTrue(seen.add(token), "a repeated token: " + token);
        }
    }

    @Test
    void theHashIsSha256HexOfTheWholeToken() {
        // SHA-256("abc"), the FIPS 180-2 test vector
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", AgentKeyTokens.hash("abc"));
        String token = AgentKeyTokens.generate();
        String hash = AgentKeyTokens.hash(token);
        assertTrue(hash.matches("[0-9a-f]{64}"), hash);
        assertEquals(hash, AgentKeyTokens.hash(token), "stable");
        assertNotEquals(hash, AgentKeyTokens.hash(token.substring(4)), "the prefix is part of what is hashed");
        assertFalse(hash.contains(token.substring(4)), "the token is not in its hash");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "pcp_", "pcp_abc", "PCP_0123456789abcdef0123456789abcdef0123456789abcdef",
            "pcp_0123456789ABCDEF0123456789abcdef0123456789abcdef", "pcp_0123456789abcdef0123456789abcdef0123456789abcde",
            "pcp_0123456789abcdef0123456789abcdef0123456789abcdef0", "sk_0123456789abcdef0123456789abcdef0123456789abcdef",
            " pcp_0123456789abcdef0123456789abcdef0123456789abcdef", "pcp_0123456789abcdef0123456789abcdef0123456789abcdeg"})
    void anythingElseIsNotAToken(String text) {
        assertFalse(AgentKeyTokens.wellFormed(text), String.valueOf(text));
    }
}
