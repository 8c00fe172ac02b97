package dev.paperclipee.access.entity;

import dev.paperclipee.agent.entity.AgentKeyTokens;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A board API key as a script holds it: {@code pcb_} and 48 lower-case hex digits (24 random
 * bytes), so that it can never be mistaken for an agent's {@code pcp_} key. Stored as the same
 * SHA-256 hex as agent keys ({@link AgentKeyTokens#hash}).
 */
public final class BoardKeyTokens {

    public static final String PREFIX = "pcb_";
    private static final Pattern SHAPE = Pattern.compile("pcb_[0-9a-f]{48}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private BoardKeyTokens() {
    }

    public static String generate() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return PREFIX + HexFormat.of().formatHex(bytes);
    }

    public static boolean wellFormed(String token) {
        return token != null && SHAPE.matcher(token).matches();
    }

    public static String hash(String token) {
        return AgentKeyTokens.hash(token);
    }
}
