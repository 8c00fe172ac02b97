package dev.paperclipee.access.control;

import org.junit.jupiter.api.Test;

import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimitsTest {

    @Test
    void theDefaultLoginBudgetIsTenAMinuteThenASecondsCountToWait() {
        RateLimits limits = new RateLimits();
        for (int i = 0; i < 10; i++) {
            assertEquals(OptionalLong.empty(), limits.take(RateLimits.Kind.LOGIN, "127.0.0.1|ann@example.com"), "try " + (i + 1));
        }
        OptionalLong wait = limits.take(RateLimits.Kind.LOGIN, "127.0.0.1|ann@example.com");
        assertTrue(wait.isPresent());
        assertTrue(wait.getAsLong() >= 1 && wait.getAsLong() <= 60, "seconds: " + wait);
    }

    @Test
    void eachCallerAndKindHasItsOwnBucket() {
        RateLimits limits = new RateLimits();
        for (int i = 0; i < 10; i++) {
            limits.take(RateLimits.Kind.LOGIN, "a");
        }
        assertTrue(limits.take(RateLimits.Kind.LOGIN, "a").isPresent());
        assertEquals(OptionalLong.empty(), limits.take(RateLimits.Kind.LOGIN, "b"));
        assertEquals(OptionalLong.empty(), limits.take(RateLimits.Kind.KEYS, "a"));
    }
}
