package dev.paperclipee.activity.boundary;

import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.access.entity.ActorType;
import dev.paperclipee.activity.control.ActivityQueries;
import dev.paperclipee.activity.entity.ActivityEntry;
import dev.paperclipee.company.control.CompanyScope;
import dev.paperclipee.shared.entity.InvalidInputException;
import dev.paperclipee.shared.entity.Text;
import dev.paperclipee.shared.entity.WireEnum;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import java.util.List;
import java.util.UUID;

/**
 * Reading a company's audit trail (spec §7.11, §10.8): newest first, filtered by the agent it
 * concerns, the entity it names, the action or the kind of actor, and paged (default 100 rows,
 * at most 500, api-contract "General"). The company boundary applies: an agent reads only its own
 * company's trail (403), an unknown company is a 404. The board and agents of the company may read it.
 */
@Stateless
public class Activities {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 500;

    @Inject
    CompanyScope scope;

    @Inject
    ActivityQueries queries;

    public List<ActivityEntry> list(Actor actor, UUID companyId, ActivityFilter filter) {
        scope.require(actor, companyId);
        ActivityFilter f = filter == null ? ActivityFilter.none() : filter;
        int limit = f.limit() == null ? DEFAULT_LIMIT : f.limit();
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit", "must be from 1 to " + MAX_LIMIT, limit < 1 ? "too_small" : "too_big");
        }
        int offset = f.offset() == null ? 0 : f.offset();
        if (offset < 0) {
            throw new InvalidInputException("offset", "must be zero or more", "too_small");
        }
        ActorType actorType = WireEnum.parse(ActorType.class, "actorType", f.actorType());
        return queries.newestFirst(companyId, f.agentId(),
                Text.optional("entityType", f.entityType(), Text.SHORT),
                Text.optional("entityId", f.entityId(), Text.SHORT),
                Text.optional("action", f.action(), Text.SHORT),
                actorType, f.from(), f.until(), offset, limit);
    }
}
