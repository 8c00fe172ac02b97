package dev.paperclipee.activity.boundary;

import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.access.entity.ActorType;
import dev.paperclipee.activity.entity.ActivityEntry;
import dev.paperclipee.company.boundary.Companies;
import dev.paperclipee.company.boundary.CompanyDraft;
import dev.paperclipee.company.entity.Company;
import dev.paperclipee.goal.boundary.GoalChanges;
import dev.paperclipee.goal.boundary.GoalDraft;
import dev.paperclipee.goal.boundary.Goals;
import dev.paperclipee.goal.entity.Goal;
import dev.paperclipee.shared.entity.ForbiddenException;
import dev.paperclipee.shared.entity.InvalidInputException;
import dev.paperclipee.shared.entity.NotFoundException;
import dev.paperclipee.testing.ApplicationDeployment;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.naming.InitialContext;
import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The activity boundary in the container (spec §10.8, §16): the company boundary for agents
 * (the REST layer has no agent keys yet), the filters, paging and its limits, newest first.
 * The exact order of equal timestamps and the JSON shape are tested against the running jar
 * (ActivityApiIT).
 */
@ExtendWith(ArquillianExtension.class)
class ActivitiesIT {

    private static final Actor BOARD = Actor.localBoard();
    /** PostgreSQL orders uuids by their bytes, as their lower-case text sorts (not as UUID.compareTo). */
    private static final Comparator<ActivityEntry> NEWEST_FIRST = Comparator.comparing(ActivityEntry::getCreatedAt)
            .thenComparing(a -> a.getId().toString()).reversed();

    @Deployment(testable = true)
    static WebArchive deployment() {
        return ApplicationDeployment.war("activities-it.war");
    }

    @Inject
    Companies companies;

    @Inject
    Goals goals;

    @Inject
    Activities activities;

    @Test
    void anAgentReadsOnlyItsOwnCompanysTrail() throws Exception {
        Company own = company("Own");
        Company other = company("Other");
        Actor agent = new Actor(ActorType.agent, insertAgent(own.getId()).toString(), own.getId(), null);

        assertEquals(ids(activities.list(BOARD, own.getId(), null)), ids(activities.list(agent, own.getId(), null)));
        assertThrows(ForbiddenException.class, () -> activities.list(agent, other.getId(), null));
        assertThrows(ForbiddenException.class, () -> activities.list(agent, UUID.randomUUID(), null),
                "another company's id, known or not, is refused before it is looked up");
        assertThrows(NotFoundException.class, () -> activities.list(BOARD, UUID.randomUUID(), null));
    }

    @Test
    void filtersNarrowAndPagesFollowTheNewestFirstOrder() throws Exception {
        Company c = company("Filters");
        UUID agentId = insertAgent(c.getId());
        Actor agent = new Actor(ActorType.agent, agentId.toString(), c.getId(), null);
        Goal byBoard = goals.create(BOARD, c.getId(), new GoalDraft("By the board", null, null, null, null, null));
        goals.update(BOARD, byBoard.getId(), new GoalChanges("Renamed", null, null, null, null, null));
        Goal byAgent = goals.create(agent, c.getId(), new GoalDraft("By the agent", null, null, null, null, null));

        List<ActivityEntry> all = activities.list(BOARD, c.getId(), ActivityFilter.none());
        assertEquals(5, all.size(), "company.created, root goal.created, goal.created, goal.updated, goal.created");
        assertEquals(all.stream().sorted(NEWEST_FIRST).toList(), all, "newest first, id breaking ties");
        assertEquals("goal.created", all.get(0).getAction());
        assertEquals(byAgent.getId().toString(), all.get(0).getEntityId());
        assertTrue(all.stream().allMatch(a -> a.getCompanyId().equals(c.getId())));

        assertEquals(List.of(byAgent.getId().toString()), entityIds(filter(c, agentId, null, null, null, null)));
        assertEquals(agentId, filter(c, agentId, null, null, null, null).get(0).getAgentId());
        assertEquals(List.of("goal.updated", "goal.created"),
                actions(filter(c, null, "goal", byBoard.getId().toString(), null, null)));
        assertEquals(List.of("goal.updated", "goal.created"),
                actions(filter(c, null, null, byBoard.getId().toString(), null, null)), "the entity id alone");
        assertEquals(List.of(), filter(c, null, "company", byBoard.getId().toString(), null, null), "filters combine");
        assertEquals(List.of("goal.updated"), actions(filter(c, null, null, null, "goal.updated", null)));
        assertEquals(1, filter(c, null, null, null, null, "agent").size());
        assertEquals(4, filter(c, null, null, null, null, "user").size());
        assertEquals(List.of(), filter(c, null, null, null, null, "system"));
        assertEquals(List.of(), filter(c, UUID.randomUUID(), null, null, null, null), "an unknown agent has no entries");

        List<UUID> ids = ids(all);
        assertEquals(ids.subList(1, 3), ids(page(c, 2, 1)));
        assertEquals(ids.subList(4, 5), ids(page(c, 2, 4)));
        assertEquals(List.of(), page(c, 2, 5));
        assertEquals(ids, ids(page(c, 500, 0)));
        assertEquals(ids.subList(0, 1), ids(page(c, 1, null)));
    }

    @Test
    void pagingLimitsAndUnknownActorTypesAre400() {
        Company c = company("Limits");
        for (Integer limit : List.of(0, -1, 501, Integer.MAX_VALUE, Integer.MIN_VALUE)) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> page(c, limit, null), "limit " + limit);
            assertTrue(e.getMessage().startsWith("limit:"), e.getMessage());
        }
        InvalidInputException offset = assertThrows(InvalidInputException.class, () -> page(c, null, -1));
        assertTrue(offset.getMessage().startsWith("offset:"), offset.getMessage());
        assertThrows(InvalidInputException.class, () -> filter(c, null, null, null, null, "robot"));
        assertThrows(InvalidInputException.class, () -> filter(c, null, null, null, null, "AGENT"));
        assertThrows(InvalidInputException.class, () -> filter(c, null, "a\u0000b", null, null, null));
        assertThrows(InvalidInputException.class, () -> filter(c, null, null, "\ud800", null, null));
        assertThrows(InvalidInputException.class, () -> filter(c, null, null, null, "x".repeat(501), null));
        assertEquals(2, page(c, 500, 0).size());
        assertEquals(1, page(c, 1, 1).size());
        assertEquals(List.of(), page(c, 100, Integer.MAX_VALUE));
    }

    private Company company(String name) {
        return companies.create(BOARD, new CompanyDraft(name + " " + UUID.randomUUID(), null, null, null));
    }

    private List<ActivityEntry> filter(Company c, UUID agentId, String entityType, String entityId, String action,
                                       String actorType) {
        return activities.list(BOARD, c.getId(), new ActivityFilter(agentId, entityType, entityId, action, actorType, null, null));
    }

    private List<ActivityEntry> page(Company c, Integer limit, Integer offset) {
        return activities.list(BOARD, c.getId(), new ActivityFilter(null, null, null, null, null, limit, offset));
    }

    private static List<String> actions(List<ActivityEntry> entries) {
        return entries.stream().map(ActivityEntry::getAction).toList();
    }

    private static List<UUID> ids(List<ActivityEntry> entries) {
        return entries.stream().map(ActivityEntry::getId).toList();
    }

    private static List<String> entityIds(List<ActivityEntry> entries) {
        return entries.stream().map(ActivityEntry::getEntityId).toList();
    }

    /** An agent row (there is no agent boundary yet); the activity row of its write references it. */
    private static UUID insertAgent(UUID companyId) throws Exception {
        DataSource ds = InitialContext.doLookup("java:comp/DefaultDataSource");
        try (Connection db = ds.getConnection();
             PreparedStatement q = db.prepareStatement("insert into agents (company_id, name) values (?, ?) returning id")) {
            q.setObject(1, companyId);
            q.setString(2, "Agent " + UUID.randomUUID());
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        }
    }
}
