package dev.paperclipee.activity.boundary;

import java.util.UUID;

/**
 * What to read from a company's audit trail: every non-null field narrows the result (exact
 * matches, combined with "and"); {@code limit} and {@code offset} page it, null meaning the
 * default page size and the first page.
 *
 * @param actorType wire value {@code agent}, {@code user} or {@code system}
 */
public record ActivityFilter(UUID agentId, String entityType, String entityId, String action, String actorType,
                             Integer limit, Integer offset) {

    /** The newest entries of the company, unfiltered, first page. */
    public static ActivityFilter none() {
        return new ActivityFilter(null, null, null, null, null, null, null);
    }
}
