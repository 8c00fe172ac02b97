package dev.paperclipee.activity.boundary;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * What to read from a company's audit trail: every non-null field narrows the result (exact
 * matches, combined with "and"); {@code limit} and {@code offset} page it, null meaning the
 * default page size and the first page.
 *
 * @param actorType wire value {@code agent}, {@code user} or {@code system}
 * @param from      entries at or after this instant, or null
 * @param until     entries before this instant, or null
 */
public record ActivityFilter(UUID agentId, String entityType, String entityId, String action, String actorType,
                             OffsetDateTime from, OffsetDateTime until, Integer limit, Integer offset) {

    /** Any time. */
    public ActivityFilter(UUID agentId, String entityType, String entityId, String action, String actorType,
                          Integer limit, Integer offset) {
        this(agentId, entityType, entityId, action, actorType, null, null, limit, offset);
    }

    /** The newest entries of the company, unfiltered, first page. */
    public static ActivityFilter none() {
        return new ActivityFilter(null, null, null, null, null, null, null);
    }
}
