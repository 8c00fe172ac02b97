package dev.paperclipee.access.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Run-scoped tokens (api-contract "Who is calling"): what is issued verifies, and everything an
 * attacker or a bug can produce instead — another key, another algorithm, no signature, a changed
 * claim, a missing claim, an old or oversized token — verifies as nothing.
 */
class RunTokensTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00.250Z");

    private final UUID run = UUID.randomUUID();
    private final UUID agent = UUID.randomUUID();
    private final UUID company = UUID.randomUUID();
    private final RunTokens tokens = at(NOW, SECRET);

    @Test
    void whatIsIssuedVerifiesToItsClaims() {
        Instant expires = NOW.plus(2, ChronoUnit.HOURS).plusMillis(700);

        String token = tokens.issue(run, agent, company, expires);

        assertTrue(RunTokens.shapedLikeToken(token), token);
        assertTrue(token.length() < 1024, "a run token fits in an environment variable easily: " + token.length());
        RunClaims claims = tokens.verify(token).orElseThrow();
        assertEquals(new RunClaims(run, agent, company, expires.truncatedTo(ChronoUnit.SECONDS)), claims,
                "exp is carried in whole seconds");
        assertEquals(Optional.of(claims), at(NOW, SECRET).verify(token), "another instance with the same key agrees");
    }

    @Test
    void theTokenIsAnHs256JwtWithTheDocumentedClaims() throws Exception {
        SignedJWT jwt = SignedJWT.parse(tokens.issue(run, agent, company, NOW.plusSeconds(3600)));

        assertEquals(JWSAlgorithm.HS256, jwt.getHeader().getAlgorithm());
        assertEquals("JWT", jwt.getHeader().getType().getType());
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertEquals("paperclip-ee", claims.getIssuer());
        assertEquals(agent.toString(), claims.getSubject());
        assertEquals(company.toString(), claims.getStringClaim("company_id"));
        assertEquals(run.toString(), claims.getStringClaim("run_id"));
        assertEquals(NOW.getEpochSecond(), claims.getIssueTime().toInstant().getEpochSecond());
        assertEquals(NOW.getEpochSecond() + 3600, claims.getExpirationTime().toInstant().getEpochSecond());
        assertEquals(UUID.fromString(claims.getJWTID()).toString(), claims.getJWTID());
        assertNotEquals(claims.getJWTID(), SignedJWT.parse(tokens.issue(run, agent, company, NOW.plusSeconds(3600)))
                .getJWTClaimsSet().getJWTID(), "every token has its own id");
    }

    @Test
    void aChangedClaimOrSignatureIsRefused() throws Exception {
        String token = tokens.issue(run, agent, company, NOW.plusSeconds(600));
        String[] parts = token.split("\\.");
        String otherRun = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(run.toString(), UUID.randomUUID().toString());
        String forgedPayload = Base64URL.encode(otherRun.getBytes(StandardCharsets.UTF_8)).toString();

        assertEquals(Optional.empty(), tokens.verify(parts[0] + "." + forgedPayload + "." + parts[2]), "another run, old signature");
        char[] signature = parts[2].toCharArray();
        signature[5] = signature[5] == 'A' ? 'B' : 'A';
        assertEquals(Optional.empty(), tokens.verify(parts[0] + "." + parts[1] + "." + new String(signature)), "a flipped signature");
        assertEquals(Optional.empty(), tokens.verify(parts[0] + "." + parts[1] + "."), "the signature dropped");
        assertEquals(Optional.empty(), tokens.verify(parts[0] + "." + parts[1]), "two parts");
    }

    @Test
    void anUnsignedTokenIsRefused() {
        String none = new PlainJWT(claims(NOW.plusSeconds(600)).build()).serialize();

        assertTrue(none.endsWith("."), none);
        assertEquals(Optional.empty(), tokens.verify(none));
        String signed = tokens.issue(run, agent, company, NOW.plusSeconds(600));
        String noneHeader = Base64URL.encode("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)).toString();
        assertEquals(Optional.empty(), tokens.verify(noneHeader + signed.substring(signed.indexOf('.'))),
                "alg none with our signature still attached");
    }

    @Test
    void anotherAlgorithmIsRefusedEvenUnderTheSameSecret() throws Exception {
        byte[] longSecret = new byte[64];
        Arrays.fill(longSecret, (byte) 7);
        RunTokens strong = at(NOW, longSecret);
        assertTrue(strong.verify(strong.issue(run, agent, company, NOW.plusSeconds(60))).isPresent());

        assertEquals(Optional.empty(), strong.verify(sign(JWSAlgorithm.HS512, new MACSigner(longSecret), claims(NOW.plusSeconds(60)))));
        assertEquals(Optional.empty(), strong.verify(sign(JWSAlgorithm.HS384, new MACSigner(longSecret), claims(NOW.plusSeconds(60)))));

        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        String rs256 = sign(JWSAlgorithm.RS256, new RSASSASigner(rsa.generateKeyPair().getPrivate()), claims(NOW.plusSeconds(60)));
        assertEquals(Optional.empty(), tokens.verify(rs256));
    }

    @Test
    void anotherKeysTokenIsRefused() {
        RunTokens other = at(NOW, "another secret of thirty-two bytes!".getBytes(StandardCharsets.UTF_8));

        assertEquals(Optional.empty(), tokens.verify(other.issue(run, agent, company, NOW.plusSeconds(600))));
        assertEquals(Optional.empty(), other.verify(tokens.issue(run, agent, company, NOW.plusSeconds(600))));
    }

    @Test
    void anExpiredTokenIsRefusedAfterASmallClockSkew() {
        Instant expires = NOW.plusSeconds(60);
        String token = tokens.issue(run, agent, company, expires);
        long skew = RunTokens.CLOCK_SKEW.toSeconds();

        assertTrue(at(expires.minusSeconds(1), SECRET).verify(token).isPresent());
        assertTrue(at(expires.plusSeconds(skew - 1), SECRET).verify(token).isPresent(), "a node whose clock runs a little ahead");
        assertEquals(Optional.empty(), at(expires.plusSeconds(skew + 1), SECRET).verify(token));
        assertEquals(Optional.empty(), at(expires.plus(1, ChronoUnit.DAYS), SECRET).verify(token));
    }

    @Test
    void aTokenMustExpireInTheFuture() {
        assertThrows(IllegalArgumentException.class, () -> tokens.issue(run, agent, company, NOW));
        assertThrows(IllegalArgumentException.class, () -> tokens.issue(run, agent, company, NOW.minusSeconds(1)));
        assertThrows(NullPointerException.class, () -> tokens.issue(null, agent, company, NOW.plusSeconds(1)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"iss", "sub", "company_id", "run_id", "iat", "exp", "jti"})
    void aTokenWithoutAClaimIsRefused(String missing) throws Exception {
        JWTClaimsSet full = claims(NOW.plusSeconds(600)).build();
        JWTClaimsSet.Builder without = new JWTClaimsSet.Builder();
        full.getClaims().forEach((name, value) -> {
            if (!name.equals(missing)) {
                without.claim(name, value);
            }
        });

        assertTrue(tokens.verify(sign(JWSAlgorithm.HS256, new MACSigner(SECRET), claims(NOW.plusSeconds(600)))).isPresent(),
                "the same token with every claim passes");
        assertEquals(Optional.empty(), tokens.verify(sign(JWSAlgorithm.HS256, new MACSigner(SECRET), without)));
    }

    @Test
    void claimsOfTheWrongValueOrTypeAreRefused() throws Exception {
        MACSigner ours = new MACSigner(SECRET);
        Map<String, Object> bad = Map.of(
                "iss", "upstream-paperclip",
                "run_id", "not-a-uuid",
                "company_id", 42,
                "sub", "agent-7");
        for (Map.Entry<String, Object> claim : bad.entrySet()) {
            String token = sign(JWSAlgorithm.HS256, ours, claims(NOW.plusSeconds(600)).claim(claim.getKey(), claim.getValue()));
            assertEquals(Optional.empty(), tokens.verify(token), claim.toString());
        }
    }

    @Test
    void anOversizedTokenIsRefusedUnread() throws Exception {
        MACSigner ours = new MACSigner(SECRET);
        String fits = sign(JWSAlgorithm.HS256, ours, claims(NOW.plusSeconds(600)).claim("pad", "x".repeat(2000)));
        String tooLong = sign(JWSAlgorithm.HS256, ours, claims(NOW.plusSeconds(600)).claim("pad", "x".repeat(3200)));

        assertTrue(fits.length() <= RunTokens.MAX_TOKEN_CHARS && tokens.verify(fits).isPresent(), "validly signed and under 4 KiB");
        assertTrue(tooLong.length() > RunTokens.MAX_TOKEN_CHARS, "" + tooLong.length());
        assertEquals(Optional.empty(), tokens.verify(tooLong));
        assertFalse(RunTokens.shapedLikeToken(tooLong));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "pcp_0123456789abcdef0123456789abcdef0123456789abcdef", "a.b.c", "a.b.c.d", "...",
            "e30.e30.e30", "eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.c2ln", "eyJ.eyJ.sig", "%%%.%%%.%%%"})
    void garbageIsNothingAndNeverAnException(String token) {
        assertEquals(Optional.empty(), tokens.verify(token));
    }

    @Test
    void nullIsNothing() {
        assertEquals(Optional.empty(), tokens.verify(null));
        assertFalse(RunTokens.shapedLikeToken(null));
    }

    @Test
    void theShapeTellsATokenFromALongLivedKey() {
        assertTrue(RunTokens.shapedLikeToken(tokens.issue(run, agent, company, NOW.plusSeconds(60))));
        assertTrue(RunTokens.shapedLikeToken("aaa.bbb.ccc"));
        assertFalse(RunTokens.shapedLikeToken("pcp_0123456789abcdef0123456789abcdef0123456789abcdef"));
        assertFalse(RunTokens.shapedLikeToken("aaa.bbb"));
        assertFalse(RunTokens.shapedLikeToken("aaa.b+b.ccc"), "base64url only");
    }

    // ---- the configured secret --------------------------------------------------------------------

    @Test
    void theSystemPropertyWinsOverTheEnvironmentAndBlankMeansUnset() {
        String a = "a".repeat(32);
        String b = "b".repeat(40);

        assertArrayEquals(a.getBytes(StandardCharsets.UTF_8), RunTokens.configuredSecret(a, b).orElseThrow());
        assertArrayEquals(b.getBytes(StandardCharsets.UTF_8), RunTokens.configuredSecret(null, b).orElseThrow());
        assertArrayEquals(b.getBytes(StandardCharsets.UTF_8), RunTokens.configuredSecret("  ", b).orElseThrow());
        assertEquals(Optional.empty(), RunTokens.configuredSecret(null, null));
        assertEquals(Optional.empty(), RunTokens.configuredSecret("", " "));
    }

    @Test
    void aShortSecretStopsTheStartWithoutShowingIt() {
        String shortSecret = "hunter2-hunter2-hunter2-hunter2"; // 31 bytes

        IllegalStateException fromEnv = assertThrows(IllegalStateException.class, () -> RunTokens.configuredSecret(null, shortSecret));
        assertTrue(fromEnv.getMessage().contains("PAPERCLIP_AGENT_JWT_SECRET must be at least 32 bytes"), fromEnv.getMessage());
        assertFalse(fromEnv.getMessage().contains("hunter2"), fromEnv.getMessage());
        IllegalStateException fromProperty = assertThrows(IllegalStateException.class, () -> RunTokens.configuredSecret("short", null));
        assertTrue(fromProperty.getMessage().contains("-Dpaperclip.agent.jwt.secret"), fromProperty.getMessage());
        // bytes, not characters: eleven three-byte characters are 33 bytes
        assertEquals(33, RunTokens.configuredSecret(null, "€".repeat(11)).orElseThrow().length);
    }

    @Test
    void aConfiguredSecretSignsTokens() {
        byte[] secret = RunTokens.configuredSecret(null, "a configured secret that is long enough").orElseThrow();
        RunTokens configured = at(NOW, secret);

        assertTrue(configured.verify(configured.issue(run, agent, company, NOW.plusSeconds(60))).isPresent());
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private static RunTokens at(Instant now, byte[] secret) {
        return new RunTokens(secret, Clock.fixed(now, ZoneOffset.UTC));
    }

    private JWTClaimsSet.Builder claims(Instant expires) {
        return new JWTClaimsSet.Builder()
                .issuer("paperclip-ee")
                .subject(agent.toString())
                .claim("company_id", company.toString())
                .claim("run_id", run.toString())
                .issueTime(Date.from(NOW))
                .expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString());
    }

    private static String sign(JWSAlgorithm alg, JWSSigner signer, JWTClaimsSet.Builder claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(alg), claims.build());
        jwt.sign(signer);
        return jwt.serialize();
    }
}
