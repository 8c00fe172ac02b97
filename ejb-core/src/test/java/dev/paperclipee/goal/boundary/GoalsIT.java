package dev.paperclipee.goal.boundary;

import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.access.entity.ActorType;
import dev.paperclipee.company.boundary.Companies;
import dev.paperclipee.company.boundary.CompanyDraft;
import dev.paperclipee.company.entity.Company;
import dev.paperclipee.goal.entity.Goal;
import dev.paperclipee.project.boundary.ProjectChanges;
import dev.paperclipee.project.boundary.ProjectDraft;
import dev.paperclipee.project.boundary.Projects;
import dev.paperclipee.project.entity.Project;
import dev.paperclipee.shared.entity.ForbiddenException;
import dev.paperclipee.shared.entity.NotFoundException;
import dev.paperclipee.testing.ApplicationDeployment;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The goal and project boundaries for an agent actor (spec §16, api-contract "Who is calling"):
 * its own company only — another company's routes are 403, another company's goals and projects
 * by id are 404 (their existence does not leak), and deleting a goal is board-only. The system
 * test AgentsApiIT checks the same over HTTP with real agent keys.
 */
@ExtendWith(ArquillianExtension.class)
class GoalsIT {

    private static final Actor BOARD = Actor.localBoard();

    @Deployment(testable = true)
    static WebArchive deployment() {
        return ApplicationDeployment.war("goals-it.war");
    }

    @Inject
    Companies companies;

    @Inject
    Goals goals;

    @Inject
    Projects projects;

    @Test
    void anAgentSeesOnlyItsOwnCompany() {
        Company own = companies.create(BOARD, new CompanyDraft("Own " + UUID.randomUUID(), null, null, null));
        Company other = companies.create(BOARD, new CompanyDraft("Other " + UUID.randomUUID(), null, null, null));
        Goal ownRoot = goals.list(BOARD, own.getId()).get(0);
        Goal otherRoot = goals.list(BOARD, other.getId()).get(0);
        Project otherProject = projects.create(BOARD, other.getId(),
                new ProjectDraft("Secret", null, null, null, null, null, null));
        Actor agent = new Actor(ActorType.agent, UUID.randomUUID().toString(), own.getId(), null);

        assertEquals(List.of(ownRoot.getId()), goals.list(agent, own.getId()).stream().map(Goal::getId).toList());
        assertEquals(ownRoot.getId(), goals.find(agent, ownRoot.getId()).getId());

        assertThrows(ForbiddenException.class, () -> goals.list(agent, other.getId()));
        assertThrows(ForbiddenException.class, () -> projects.list(agent, other.getId()));
        assertThrows(ForbiddenException.class, () -> goals.create(agent, other.getId(),
                new GoalDraft("Intrude", null, null, null, null, null)));
        assertThrows(ForbiddenException.class, () -> projects.create(agent, other.getId(),
                new ProjectDraft("Intrude", null, null, null, null, null, null)));

        assertThrows(NotFoundException.class, () -> goals.find(agent, otherRoot.getId()));
        assertThrows(NotFoundException.class, () -> goals.update(agent, otherRoot.getId(),
                new GoalChanges("Hijacked", null, null, null, null, null)));
        assertThrows(NotFoundException.class, () -> projects.find(agent, otherProject.getId()));
        assertThrows(NotFoundException.class, () -> projects.update(agent, otherProject.getId(),
                new ProjectChanges("Hijacked", null, null, null, null, null, null)));

        assertThrows(ForbiddenException.class, () -> goals.delete(agent, ownRoot.getId()), "deleting is board-only");
        assertEquals(otherRoot.getTitle(), goals.find(BOARD, otherRoot.getId()).getTitle(), "unchanged");
        assertEquals("Secret", projects.find(BOARD, otherProject.getId()).getName(), "unchanged");
    }
}
