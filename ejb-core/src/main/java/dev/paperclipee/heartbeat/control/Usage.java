package dev.paperclipee.heartbeat.control;

/**
 * Token usage and cost of one run, as an agent CLI reports it in its final result (api-contract
 * "Local CLI adapters"). The runtime turns it into a cost event: {@code costCents = round(usd × 100)}.
 *
 * @param provider          e.g. {@code anthropic}, {@code openai}
 * @param model             the model that did the work, or null if the agent did not say
 * @param inputTokens       non-cached input tokens
 * @param cachedInputTokens input tokens served from the provider's cache
 * @param outputTokens      output tokens
 * @param costUsd           the cost in US dollars as reported, or null when the agent reports none
 */
public record Usage(String provider, String model, long inputTokens, long cachedInputTokens, long outputTokens,
        java.math.BigDecimal costUsd) {

    /** The cost in whole cents, rounded half up; 0 when no cost was reported. */
    public long costCents() {
        return costUsd == null ? 0 : costUsd.movePointRight(2).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
    }
}
