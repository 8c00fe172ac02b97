package dev.paperclipee.access.control;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rate limits of the endpoints an attacker would hammer (spec §16): logging in, per client address
 * and e-mail, and managing keys, per caller. Token buckets (Bucket4j), greedy refill, kept in
 * this node's memory: a restart or another node starts afresh, which is acceptable for slowing
 * guessing down. The map is bounded: when it grows past {@link #MAX_KEYS} it is emptied, which
 * only ever lets a caller through early.
 *
 * <p>Sizes come from {@code PAPERCLIP_LOGIN_RATE_PER_MINUTE} (default 10) and
 * {@code PAPERCLIP_KEY_RATE_PER_MINUTE} (default 30).
 */
@ApplicationScoped
public class RateLimits {

    public enum Kind {
        LOGIN("PAPERCLIP_LOGIN_RATE_PER_MINUTE", 10),
        KEYS("PAPERCLIP_KEY_RATE_PER_MINUTE", 30);

        final String env;
        final int defaultPerMinute;

        Kind(String env, int defaultPerMinute) {
            this.env = env;
            this.defaultPerMinute = defaultPerMinute;
        }

        int perMinute() {
            String value = System.getenv(env);
            try {
                int parsed = value == null ? defaultPerMinute : Integer.parseInt(value.strip());
                return parsed > 0 ? parsed : defaultPerMinute;
            } catch (NumberFormatException e) {
                return defaultPerMinute;
            }
        }
    }

    static final int MAX_KEYS = 10_000;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /**
     * Takes one request from the bucket of {@code kind} and {@code who}: empty when allowed, else
     * the seconds until the next request would be (at least 1), for {@code Retry-After}.
     */
    public OptionalLong take(Kind kind, String who) {
        if (buckets.size() > MAX_KEYS) {
            buckets.clear();
        }
        Bucket bucket = buckets.computeIfAbsent(kind + "|" + who, k -> newBucket(kind.perMinute()));
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return OptionalLong.empty();
        }
        long nanos = probe.getNanosToWaitForRefill();
        return OptionalLong.of(Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L));
    }

    private static Bucket newBucket(int perMinute) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build();
    }
}
