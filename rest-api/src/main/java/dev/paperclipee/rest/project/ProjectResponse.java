package dev.paperclipee.rest.project;

import dev.paperclipee.project.entity.Project;
import dev.paperclipee.rest.platform.Json;
import dev.paperclipee.secret.control.Redaction;
import dev.paperclipee.shared.entity.WireEnum;

import jakarta.json.JsonObject;

import java.util.UUID;

/**
 * A project as the API shows it (api-contract.md, "GET/POST /companies/:id/projects"):
 * {@code targetDate} as {@code YYYY-MM-DD}, {@code env} as a JSON object or null; the optional
 * monthly budget (spec §13.1, 0 = no limit) with this UTC month's spend on the project's events and
 * its {@code budgetAlert} ({@code none}, {@code soft} at 80 %, {@code hard} when used up).
 */
public record ProjectResponse(String id, String companyId, String goalId, String name, String description,
                              String status, String leadAgentId, String targetDate, JsonObject env,
                              int budgetMonthlyCents, int spentMonthlyCents, String budgetAlert,
                              String createdAt, String updatedAt) {

    public static ProjectResponse of(Project p) {
        return new ProjectResponse(p.getId().toString(), p.getCompanyId().toString(), text(p.getGoalId()), p.getName(),
                p.getDescription(), WireEnum.of(p.getStatus()), text(p.getLeadAgentId()), Json.date(p.getTargetDate()),
                Redaction.of(p.getEnv()), p.getBudgetMonthlyCents(), p.getSpentMonthlyCents(), WireEnum.of(p.getBudgetAlert()),
                Json.time(p.getCreatedAt()), Json.time(p.getUpdatedAt()));
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }
}
