package dev.paperclipee.cost.boundary;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * What a caller reports as one cost event (spec §13.3). Counts and cents are longs so that the
 * boundary, not an overflow, decides what is out of range; null counts are 0.
 *
 * @param issueId     the issue the spend was for; its project, goal and billing code apply where
 *                    those are not given
 * @param occurredAt  when the spend happened (the month it counts in is the month of booking)
 */
public record CostReport(UUID agentId, String provider, String model, Long inputTokens, Long cachedInputTokens,
                         Long outputTokens, Long costCents, OffsetDateTime occurredAt, UUID issueId, UUID projectId,
                         UUID goalId, String billingCode) {
}
