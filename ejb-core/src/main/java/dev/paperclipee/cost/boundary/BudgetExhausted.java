package dev.paperclipee.cost.boundary;

import java.util.UUID;

/**
 * CDI event: a company's or a project's monthly budget was used up (spec §13.2 hard stop), fired
 * inside the transaction that crossed it. Observed after that transaction commits, in a
 * transaction of its own, by the heartbeat runtime, which cancels the queued runs and stops the
 * running ones of the company (or of the project's issues): new work is refused from the commit
 * on (invoke, checkout and the run claim check the budgets), and the budget does not go on
 * overshooting silently. After the commit, because the runs of many agents are locked, and a
 * cost event holds its agent's row: locking another agent's runs before committing could
 * deadlock with that agent's own run finishing and booking its usage.
 *
 * @param projectId the project whose budget is used up, or null for the whole company
 */
public record BudgetExhausted(UUID companyId, UUID projectId) {
}
