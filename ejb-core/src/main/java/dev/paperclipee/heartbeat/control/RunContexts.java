package dev.paperclipee.heartbeat.control;

import dev.paperclipee.agent.entity.Agent;
import dev.paperclipee.agent.entity.ContextMode;
import dev.paperclipee.heartbeat.entity.HeartbeatRun;
import dev.paperclipee.shared.entity.JsonText;
import dev.paperclipee.shared.entity.MonthlySpend;

import jakarta.enterprise.context.Dependent;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * The context a run delivers to its agent (spec §11.4). {@code thin}: ids and pointers only, the
 * agent fetches the rest through the API. {@code fat}: also the agent's open assignments, the
 * woken-for issue with its goal, a budget snapshot and the issue's recent comments. Bounded: at
 * most {@value #ASSIGNMENTS} assignments, {@value #COMMENTS} comments, long texts cut.
 */
@Dependent
public class RunContexts {

    static final int ASSIGNMENTS = 50;
    static final int COMMENTS = 10;
    static final int TEXT_LIMIT = 4_000;

    @PersistenceContext
    EntityManager em;

    public JsonObject of(HeartbeatRun run, Agent agent, URI apiUrl, String wakeCommentId) {
        JsonObjectBuilder context = JsonText.JSON.createObjectBuilder()
                .add("mode", agent.getContextMode().name())
                .add("runId", run.getId().toString())
                .add("agentId", agent.getId().toString())
                .add("companyId", agent.getCompanyId().toString())
                .add("invocationSource", run.getInvocationSource().name())
                .add("apiUrl", apiUrl.toString());
        optional(context, "issueId", run.getIssueId());
        optional(context, "wakeReason", run.getWakeReason());
        optional(context, "wakeCommentId", wakeCommentId);
        if (agent.getContextMode() == ContextMode.fat) {
            context.add("agent", JsonText.JSON.createObjectBuilder()
                    .add("name", agent.getName())
                    .add("role", agent.getRole().name())
                    .add("title", agent.getTitle() == null ? "" : agent.getTitle()));
            context.add("assignments", assignments(agent.getId()));
            if (run.getIssueId() != null) {
                issue(run.getIssueId(), context);
                context.add("recentComments", comments(run.getIssueId()));
            }
            context.add("budget", budget(agent));
        }
        return context.build();
    }

    private JsonArrayBuilder assignments(UUID agentId) {
        List<?> rows = em.createNativeQuery("""
                        select cast(id as text), identifier, title, status, priority from issues
                         where assignee_agent_id = cast(?1 as uuid)
                           and status in ('todo', 'in_progress', 'in_review', 'blocked')
                         order by issue_number desc limit ?2
                        """)
                .setParameter(1, agentId.toString())
                .setParameter(2, ASSIGNMENTS)
                .getResultList();
        JsonArrayBuilder list = JsonText.JSON.createArrayBuilder();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            list.add(JsonText.JSON.createObjectBuilder()
                    .add("id", (String) r[0]).add("identifier", (String) r[1]).add("title", (String) r[2])
                    .add("status", (String) r[3]).add("priority", (String) r[4]));
        }
        return list;
    }

    private void issue(UUID issueId, JsonObjectBuilder context) {
        List<?> rows = em.createNativeQuery("""
                        select i.identifier, i.title, i.description, i.status, i.priority,
                               cast(g.id as text), g.title, g.description
                          from issues i left join goals g on g.id = i.goal_id
                         where i.id = cast(?1 as uuid)
                        """)
                .setParameter(1, issueId.toString())
                .getResultList();
        if (rows.isEmpty()) {
            return;
        }
        Object[] r = (Object[]) rows.get(0);
        JsonObjectBuilder issue = JsonText.JSON.createObjectBuilder()
                .add("id", issueId.toString()).add("identifier", (String) r[0]).add("title", (String) r[1])
                .add("description", cut((String) r[2])).add("status", (String) r[3]).add("priority", (String) r[4]);
        context.add("issue", issue);
        if (r[5] != null) {
            context.add("goal", JsonText.JSON.createObjectBuilder()
                    .add("id", (String) r[5]).add("title", (String) r[6]).add("description", cut((String) r[7])));
        }
    }

    private JsonArrayBuilder comments(UUID issueId) {
        List<?> rows = em.createNativeQuery("""
                        select * from (
                            select cast(id as text) as id, cast(author_agent_id as text) as agent,
                                   cast(author_user_id as text) as usr, body, created_at
                              from issue_comments where issue_id = cast(?1 as uuid)
                             order by created_at desc, id desc limit ?2) recent
                         order by created_at, id
                        """)
                .setParameter(1, issueId.toString())
                .setParameter(2, COMMENTS)
                .getResultList();
        JsonArrayBuilder list = JsonText.JSON.createArrayBuilder();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            JsonObjectBuilder comment = JsonText.JSON.createObjectBuilder().add("id", (String) r[0]);
            optional(comment, "authorAgentId", r[1]);
            optional(comment, "authorUserId", r[2]);
            list.add(comment.add("body", cut((String) r[3])).add("createdAt", String.valueOf(r[4])));
        }
        return list;
    }

    private JsonObjectBuilder budget(Agent agent) {
        Object[] company = (Object[]) em.createNativeQuery(
                        "select c.budget_monthly_cents, " + MonthlySpend.spentSql("c") + " from companies c where c.id = cast(?1 as uuid)")
                .setParameter(1, agent.getCompanyId().toString())
                .getSingleResult();
        return JsonText.JSON.createObjectBuilder()
                .add("agentBudgetMonthlyCents", agent.getBudgetMonthlyCents())
                .add("agentSpentMonthlyCents", agent.getSpentMonthlyCents())
                .add("companyBudgetMonthlyCents", ((Number) company[0]).longValue())
                .add("companySpentMonthlyCents", ((Number) company[1]).longValue());
    }

    /** The instruction given to CLI agents on stdin: who they are, why they were woken, where the API is. */
    public static String prompt(Agent agent, JsonObject context) {
        StringBuilder prompt = new StringBuilder()
                .append("You are ").append(agent.getName()).append(", an agent (role ").append(agent.getRole().name())
                .append(") of a Paperclip company. Run one Paperclip heartbeat now, following the Paperclip skill: ")
                .append("find your assigned work through the API, check an issue out before working on it, ")
                .append("comment on what you did, and set its status.\n");
        String reason = context.getString("wakeReason", null);
        if (reason != null) {
            prompt.append("You were woken because: ").append(reason).append(".\n");
        }
        if (context.containsKey("issue")) {
            JsonObject issue = context.getJsonObject("issue");
            prompt.append("The issue: ").append(issue.getString("identifier")).append(" — ")
                    .append(issue.getString("title")).append(".\n");
        } else if (context.getString("issueId", null) != null) {
            prompt.append("The issue: ").append(context.getString("issueId")).append(" (PAPERCLIP_TASK_ID).\n");
        }
        prompt.append("The Paperclip API is at ").append(context.getString("apiUrl"))
                .append("/api; your credentials are in PAPERCLIP_API_KEY and PAPERCLIP_RUN_ID.\n");
        return prompt.toString();
    }

    private static String cut(String text) {
        if (text == null) {
            return "";
        }
        if (text.length() <= TEXT_LIMIT) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(TEXT_LIMIT - 1)) ? TEXT_LIMIT - 1 : TEXT_LIMIT;
        return text.substring(0, end) + "…";
    }

    private static void optional(JsonObjectBuilder builder, String key, Object value) {
        if (value != null) {
            builder.add(key, value.toString());
        }
    }
}
