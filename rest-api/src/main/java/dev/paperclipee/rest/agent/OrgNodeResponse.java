package dev.paperclipee.rest.agent;

import dev.paperclipee.agent.control.OrgChart;
import dev.paperclipee.shared.entity.WireEnum;

import java.util.List;

/** One agent of the org chart and its reports (api-contract: {@code GET /companies/:id/org}). */
public record OrgNodeResponse(String id, String name, String role, String status, List<OrgNodeResponse> reports) {

    public static OrgNodeResponse of(OrgChart.Node node) {
        return new OrgNodeResponse(node.agent().getId().toString(), node.agent().getName(),
                WireEnum.of(node.agent().getRole()), WireEnum.of(node.agent().getStatus()),
                node.reports().stream().map(OrgNodeResponse::of).toList());
    }
}
