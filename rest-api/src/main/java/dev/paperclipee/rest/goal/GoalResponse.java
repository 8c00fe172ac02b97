package dev.paperclipee.rest.goal;

import dev.paperclipee.goal.entity.Goal;
import dev.paperclipee.rest.platform.Json;
import dev.paperclipee.shared.entity.WireEnum;

import java.util.UUID;

/** A goal as the API shows it (api-contract.md, "GET/POST /companies/:id/goals"). */
public record GoalResponse(String id, String companyId, String title, String description, String level, String status,
                           String parentId, String ownerAgentId, String createdAt, String updatedAt) {

    public static GoalResponse of(Goal g) {
        return new GoalResponse(g.getId().toString(), g.getCompanyId().toString(), g.getTitle(), g.getDescription(),
                WireEnum.of(g.getLevel()), WireEnum.of(g.getStatus()), text(g.getParentId()), text(g.getOwnerAgentId()),
                Json.time(g.getCreatedAt()), Json.time(g.getUpdatedAt()));
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }
}
