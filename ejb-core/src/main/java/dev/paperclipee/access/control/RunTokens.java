package dev.paperclipee.access.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.proc.SingleKeyJWSKeySelector;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Run-scoped agent keys (api-contract "Who is calling"; spec §11): the {@code PAPERCLIP_API_KEY}
 * a heartbeat hands the process it launches is a JWT, HS256-signed with nimbus-jose-jwt
 * (ARCHITECTURE.md: a maintained JOSE library, no home-made format). Claims: {@code iss}
 * {@value #ISSUER}, {@code sub} the agent, {@value #COMPANY_CLAIM}, {@value #RUN_CLAIM},
 * {@code iat}, {@code exp}, {@code jti}. Verification refuses any other algorithm (none, RS*,
 * HS384 …), a bad signature, an expired token (beyond {@link #CLOCK_SKEW} between nodes), a
 * missing or malformed claim and tokens over {@value #MAX_TOKEN_CHARS} characters. A verified
 * token still says nothing about the run's state: {@code Authentication.runToken} checks that.
 *
 * <p>The signing key: {@code -D}{@value #SECRET_PROPERTY} or {@code $}{@value #SECRET_ENV}
 * (at least {@value #MIN_SECRET_BYTES} bytes of UTF-8, else the deployment fails with a message
 * naming the setting), or else one random 256-bit key kept in {@code instance_keys} under
 * {@value #INSTANCE_KEY}, made by the first node that starts and read by all others, so a token
 * issued on one node verifies on every node and across restarts. The key is never logged.
 *
 * <p>A {@code @Singleton @Startup} EJB rather than an application-scoped CDI bean: the key must
 * be read after the schema exists ({@code @DependsOn} the migrations), inside a transaction (the
 * insert-then-read of {@link InstanceKeys}), and a bad configured secret must stop the
 * deployment instead of failing the first request. After start-up its state never changes and
 * the nimbus signer and processor are thread-safe, hence bean-managed concurrency: no lock on
 * the per-request path.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class RunTokens {

    public static final String SECRET_PROPERTY = "paperclip.agent.jwt.secret";
    public static final String SECRET_ENV = "PAPERCLIP_AGENT_JWT_SECRET";
    public static final String ISSUER = "paperclip-ee";
    public static final String COMPANY_CLAIM = "company_id";
    public static final String RUN_CLAIM = "run_id";
    /** HS256 wants a key as long as its hash (RFC 7518 §3.2); nimbus refuses shorter ones too. */
    public static final int MIN_SECRET_BYTES = 32;
    /** Ours are about 400 characters; a larger "token" is refused before it is parsed. */
    public static final int MAX_TOKEN_CHARS = 4096;
    /** Tolerated disagreement between the clocks of the node that signed and the node that verifies. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    /** The name of the generated key in {@code instance_keys}. */
    public static final String INSTANCE_KEY = "agent_jwt_hs256";

    private static final Logger LOG = Logger.getLogger(RunTokens.class.getName());
    /** header.payload.signature, each base64url without padding (an unsigned token has an empty third part). */
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
    private static final Set<String> REQUIRED = Set.of("iss", "sub", COMPANY_CLAIM, RUN_CLAIM, "iat", "exp", "jti");

    @Inject
    InstanceKeys instanceKeys;

    private Clock clock = Clock.systemUTC();
    /** Set once at start-up; volatile so every request thread sees the finished pair. */
    private volatile Keys keys;

    /** The signer and the verifier of one key, built together. */
    private record Keys(MACSigner signer, DefaultJWTProcessor<SecurityContext> processor) {
    }

    public RunTokens() {
    }

    /** A ready instance for a known key and clock (unit tests; the container uses {@link #loadKey()}). */
    RunTokens(byte[] secret, Clock clock) {
        this.clock = clock;
        this.keys = keysFor(secret);
    }

    @PostConstruct
    void loadKey() {
        Optional<byte[]> configured = configuredSecret(System.getProperty(SECRET_PROPERTY), System.getenv(SECRET_ENV));
        byte[] secret = configured.orElseGet(() -> instanceKeys.secret(INSTANCE_KEY, MIN_SECRET_BYTES));
        keys = keysFor(secret);
        LOG.info(() -> configured.isPresent()
                ? "Run-scoped agent tokens are signed with the configured " + SECRET_ENV
                : "Run-scoped agent tokens are signed with the instance key kept in the database (" + SECRET_ENV + " is not set)");
    }

    /**
     * A token for one run of one agent, valid until {@code expiresAt} (whole seconds) unless the run
     * ends first. Callers choose the lifetime: the run's timeout plus a margin bounds what a
     * leaked token is worth; the run's end makes it useless at once anyway.
     *
     * @throws IllegalArgumentException when {@code expiresAt} is not in the future
     */
    public String issue(UUID runId, UUID agentId, UUID companyId, Instant expiresAt) {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(companyId, "companyId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Instant now = clock.instant();
        if (!expiresAt.isAfter(now)) {
            throw new IllegalArgumentException("a run token must expire in the future, got " + expiresAt + " at " + now);
        }
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(agentId.toString())
                .claim(COMPANY_CLAIM, companyId.toString())
                .claim(RUN_CLAIM, runId.toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(ready().signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("HMAC-SHA256 signing failed", e);
        }
        return jwt.serialize();
    }

    /** The claims of a genuine, unexpired token of ours; empty for anything else, without saying why. */
    public Optional<RunClaims> verify(String token) {
        if (token == null || token.length() > MAX_TOKEN_CHARS || !SHAPE.matcher(token).matches()) {
            return Optional.empty();
        }
        try {
            JWTClaimsSet claims = ready().processor().process(token, null);
            return Optional.of(new RunClaims(
                    UUID.fromString(claims.getStringClaim(RUN_CLAIM)),
                    UUID.fromString(claims.getSubject()),
                    UUID.fromString(claims.getStringClaim(COMPANY_CLAIM)),
                    claims.getExpirationTime().toInstant()));
        } catch (ParseException | BadJOSEException | JOSEException | RuntimeException e) {
            // the token is the caller's input: a claim that is no UUID, or whatever else a parser
            // trips over, means "not a valid token", never a 500
            return Optional.empty();
        }
    }

    /** Whether a bearer token has the shape of a JWT (three dot-separated base64url parts), not of a {@code pcp_} key. */
    public static boolean shapedLikeToken(String token) {
        return token != null && token.length() <= MAX_TOKEN_CHARS && SHAPE.matcher(token).matches();
    }

    /**
     * The configured secret: the system property wins over the environment; blank means unset.
     *
     * @throws IllegalStateException when it is set but shorter than {@value #MIN_SECRET_BYTES} bytes
     *                               (the message names the setting, never the value)
     */
    static Optional<byte[]> configuredSecret(String property, String environment) {
        String name = property != null && !property.isBlank() ? "-D" + SECRET_PROPERTY : SECRET_ENV;
        String value = property != null && !property.isBlank() ? property : environment;
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        byte[] secret = value.getBytes(StandardCharsets.UTF_8);
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalStateException(name + " must be at least " + MIN_SECRET_BYTES + " bytes long (it has "
                    + secret.length + "); set a longer random value, or unset it to let the server keep a generated key"
                    + " in the database");
        }
        return Optional.of(secret);
    }

    private Keys ready() {
        Keys k = keys;
        if (k == null) {
            throw new IllegalStateException("RunTokens has no key yet: it is used before its start-up finished");
        }
        return k;
    }

    private Keys keysFor(byte[] secret) {
        SecretKeySpec key = new SecretKeySpec(secret, "HmacSHA256");
        try {
            MACSigner signer = new MACSigner(key);
            DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
            // only HS256 under our key: "none", RS256 (a public key taken as HMAC secret) and the rest find no key
            processor.setJWSKeySelector(new SingleKeyJWSKeySelector<>(JWSAlgorithm.HS256, key));
            DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                    new JWTClaimsSet.Builder().issuer(ISSUER).build(), REQUIRED) {
                @Override
                protected Date currentTime() {
                    return Date.from(clock.instant());
                }
            };
            claims.setMaxClockSkew((int) CLOCK_SKEW.toSeconds());
            processor.setJWTClaimsSetVerifier(claims);
            return new Keys(signer, processor);
        } catch (JOSEException e) {
            throw new IllegalStateException("the run token key is unusable for HS256 (it must be at least "
                    + MIN_SECRET_BYTES + " bytes)", e);
        }
    }
}
