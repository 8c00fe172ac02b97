package dev.paperclipee.rest.cost;

import dev.paperclipee.cost.boundary.CostRollups;
import dev.paperclipee.cost.boundary.Costs;
import dev.paperclipee.cost.control.CostQueries;
import dev.paperclipee.cost.control.RollupQueries;
import dev.paperclipee.rest.platform.Json;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answers of the cost read routes (api-contract costs rows); sums are JSON integers. */
public final class CostResponses {

    private CostResponses() {
    }

    /** {@code month} is {@code YYYY-MM}; utilization = spend × 100 / budget, 2 decimals, 0 without a budget. */
    @Schema(name = "CostSummaryResponse")
    public record Summary(String companyId, String month, long spendCents, int budgetCents, double utilizationPercent) {
        static Summary of(Costs.Summary s) {
            return new Summary(s.companyId().toString(), s.month().toString(), s.spendCents(), s.budgetCents(),
                    s.utilizationPercent());
        }
    }

    @Schema(name = "AgentCostsResponse")
    public record ByAgent(String agentId, String agentName, String agentStatus, long costCents, long inputTokens,
                          long cachedInputTokens, long outputTokens) {
        static ByAgent of(CostQueries.AgentCosts c) {
            return new ByAgent(c.agentId().toString(), c.agentName(), c.agentStatus(), c.totals().costCents(),
                    c.totals().inputTokens(), c.totals().cachedInputTokens(), c.totals().outputTokens());
        }
    }

    @Schema(name = "ProjectCostsResponse")
    public record ByProject(String projectId, String projectName, long costCents, long inputTokens,
                            long cachedInputTokens, long outputTokens) {
        static ByProject of(CostQueries.ProjectCosts c) {
            return new ByProject(c.projectId().toString(), c.projectName(), c.totals().costCents(),
                    c.totals().inputTokens(), c.totals().cachedInputTokens(), c.totals().outputTokens());
        }
    }

    /** {@code eventCount}: how many events the group holds. */
    @Schema(name = "ModelCostsResponse")
    public record ByModel(String provider, String model, long eventCount, long costCents, long inputTokens,
                          long cachedInputTokens, long outputTokens) {
        static ByModel of(CostQueries.ModelCosts c) {
            return new ByModel(c.provider(), c.model(), c.events(), c.totals().costCents(), c.totals().inputTokens(),
                    c.totals().cachedInputTokens(), c.totals().outputTokens());
        }
    }

    /**
     * An execution of the cost-rollup job: {@code status} is the Jakarta Batch status (STARTING,
     * STARTED, STOPPING, STOPPED, FAILED, COMPLETED, ABANDONED); {@code exitStatus} says what it
     * did once it ended.
     */
    @Schema(name = "CostRollupJobResponse")
    public record RollupJob(long jobId, String status, String startedAt, String endedAt, String exitStatus) {
        static RollupJob of(CostRollups.Run r) {
            return new RollupJob(r.jobId(), r.status(), Json.time(r.startedAt()), Json.time(r.endedAt()), r.exitStatus());
        }
    }

    /** A materialized group of a month; {@code projectId} is null for events without a project. */
    @Schema(name = "CostRollupResponse")
    public record Rollup(String month, String agentId, String projectId, String provider, String model, long eventCount,
                         long costCents, long inputTokens, long cachedInputTokens, long outputTokens, String computedAt) {
        static Rollup of(RollupQueries.Rollup r) {
            return new Rollup(r.month().toString(), r.agentId().toString(),
                    r.projectId() == null ? null : r.projectId().toString(), r.provider(), r.model(), r.eventCount(),
                    r.totals().costCents(), r.totals().inputTokens(), r.totals().cachedInputTokens(),
                    r.totals().outputTokens(), Json.time(r.computedAt()));
        }
    }
}
