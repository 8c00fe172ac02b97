package dev.paperclipee.agent.entity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The long-lived agent API key as a client holds it (spec §7.3, api-contract "Who is calling"):
 * {@code pcp_} and 48 lower-case hex digits (24 bytes from {@link SecureRandom}), the shape
 * upstream's keys have. The server keeps only the SHA-256 of the whole token, as 64 hex digits:
 * the token has 192 bits of randomness, so a plain fast hash cannot be brute-forced, and the
 * unique index on the hash finds a key in one lookup.
 */
public final class AgentKeyTokens {

    public static final String PREFIX = "pcp_";
    private static final int RANDOM_BYTES = 24;
    private static final Pattern SHAPE = Pattern.compile("pcp_[0-9a-f]{48}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private AgentKeyTokens() {
    }

    /** A fresh token, to be shown once. */
    public static String generate() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return PREFIX + HEX.formatHex(bytes);
    }

    /** Whether the text has the shape of a token; anything else is refused without a lookup. */
    public static boolean wellFormed(String token) {
        return token != null && SHAPE.matcher(token).matches();
    }

    /** The stored form: lower-case hex of SHA-256 over the token's UTF-8 bytes. */
    public static String hash(String token) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
