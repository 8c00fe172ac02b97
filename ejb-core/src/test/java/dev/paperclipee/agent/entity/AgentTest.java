package dev.paperclipee.agent.entity;

import dev.paperclipee.shared.entity.ConflictException;
import dev.paperclipee.shared.entity.InvalidInputException;
import dev.paperclipee.shared.entity.JsonText;
import dev.paperclipee.shared.entity.RuleViolationException;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Spec §7.2, §8.1: what an agent accepts about itself — texts, JSON, status moves, reporting line. */
class AgentTest {

    private static final UUID COMPANY = UUID.randomUUID();

    private final Map<UUID, Agent> company = new HashMap<>();

    private Agent hire(String name) {
        Agent agent = new Agent(COMPANY, name, null, null);
        company.put(agent.getId(), agent);
        return agent;
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void newAgentDefaults() {
        Agent agent = hire(" Ada ");
        assertEquals("Ada", agent.getName());
        assertEquals(AgentRole.general, agent.getRole());
        assertEquals(AgentStatus.idle, agent.getStatus(), "idle when new (api-contract)");
        assertEquals("process", agent.getAdapterType());
        assertEquals(json("{}"), JsonText.parse(agent.getAdapterConfig()));
        assertEquals(json("{}"), JsonText.parse(agent.getPermissions()));
        assertEquals(json("{\"heartbeat\":{\"enabled\":false,\"intervalSec\":300,\"maxConcurrentRuns\":20,\"wakeOnDemand\":true}}"),
                JsonText.parse(agent.getRuntimeConfig()));
        assertEquals(ContextMode.thin, agent.getContextMode());
        assertNull(agent.getReportsTo());
        assertNull(agent.getMetadata());
        assertNull(agent.getPauseReason());
        assertNull(agent.getPausedAt());
        assertEquals(0, agent.getBudgetMonthlyCents());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a\u0000", "\uD800"})
    void namesAndAdapterTypesFollowTheTextRules(String bad) {
        Agent agent = hire("Ada");
        assertThrows(InvalidInputException.class, () -> agent.rename(bad));
        assertThrows(InvalidInputException.class, () -> agent.useAdapter(bad));
        assertEquals("Ada", agent.getName());
        assertEquals("process", agent.getAdapterType());
        assertThrows(InvalidInputException.class, () -> new Agent(COMPANY, bad, null, null));
    }

    @Test
    void textsHaveMaximumLengths() {
        Agent agent = hire("Ada");
        assertThrows(InvalidInputException.class, () -> agent.rename("n".repeat(201)));
        assertThrows(InvalidInputException.class, () -> agent.retitle("t".repeat(201)));
        assertThrows(InvalidInputException.class, () -> agent.changeIcon("i".repeat(201)));
        assertThrows(InvalidInputException.class, () -> agent.useAdapter("a".repeat(101)));
        assertThrows(InvalidInputException.class, () -> agent.describeCapabilities("c".repeat(100_001)));
        agent.useAdapter(" claude_local ");
        assertEquals("claude_local", agent.getAdapterType());
    }

    @Test
    void blankTitleIconAndCapabilitiesClear() {
        Agent agent = hire("Ada");
        agent.retitle("VP");
        agent.changeIcon("rocket");
        agent.describeCapabilities("writes code");
        assertEquals("VP", agent.getTitle());
        agent.retitle(" ");
        agent.changeIcon(null);
        agent.describeCapabilities("");
        assertNull(agent.getTitle());
        assertNull(agent.getIcon());
        assertNull(agent.getCapabilities());
    }

    @Test
    void jsonColumnsAreObjectsPostgresqlCanStore() {
        Agent agent = hire("Ada");
        agent.configureAdapter(json("{\"command\":\"echo\",\"args\":[\"hi\"],\"env\":{\"K\":\"v\"}}"));
        assertEquals(json("{\"command\":\"echo\",\"args\":[\"hi\"],\"env\":{\"K\":\"v\"}}"), JsonText.parse(agent.getAdapterConfig()));
        InvalidInputException nul = assertThrows(InvalidInputException.class,
                () -> agent.configureAdapter(json("{\"K\":\"a\\u0000\"}")));
        assertTrue(nul.getMessage().startsWith("adapterConfig"), nul.getMessage());
        assertThrows(InvalidInputException.class, () -> agent.grant(json("{\"\\ud800\":true}")));
        assertThrows(InvalidInputException.class, () -> agent.annotate(json("{\"K\":\"" + "m".repeat(100_000) + "\"}")));
        agent.configureAdapter(null);
        agent.annotate(json("{\"team\":\"core\"}"));
        assertEquals(json("{}"), JsonText.parse(agent.getAdapterConfig()), "null resets to {}");
        assertEquals(json("{\"team\":\"core\"}"), JsonText.parse(agent.getMetadata()));
        agent.annotate(null);
        assertNull(agent.getMetadata());
    }

    @Test
    void runtimeConfigKeepsOtherKeysAndNormalisesTheHeartbeat() {
        Agent agent = hire("Ada");
        agent.configureRuntime(json("{\"modelProfiles\":{\"cheap\":{\"adapterConfig\":{\"model\":\"m\"}}},"
                + "\"heartbeat\":{\"intervalSec\":60,\"maxConcurrentRuns\":99}}"));
        JsonObject stored = JsonText.parse(agent.getRuntimeConfig());
        assertEquals("m", stored.getJsonObject("modelProfiles").getJsonObject("cheap").getJsonObject("adapterConfig")
                .getString("model"));
        assertEquals(json("{\"enabled\":true,\"intervalSec\":60,\"maxConcurrentRuns\":50,\"wakeOnDemand\":true}"),
                stored.getJsonObject("heartbeat"));
    }

    @Test
    void budgetIsNonNegativeAndFitsTheColumn() {
        Agent agent = hire("Ada");
        agent.budget(5000);
        assertEquals(5000, agent.getBudgetMonthlyCents());
        assertThrows(InvalidInputException.class, () -> agent.budget(-1));
        assertThrows(InvalidInputException.class, () -> agent.budget(Integer.MAX_VALUE + 1L));
        assertEquals(5000, agent.getBudgetMonthlyCents());
    }

    // ---- §8.1 ------------------------------------------------------------------------------------

    @Test
    void pauseSetsManualReasonAndTimeAndResumeClearsThem() {
        Agent agent = hire("Ada");
        agent.pause(PauseReason.manual);
        assertEquals(AgentStatus.paused, agent.getStatus());
        assertEquals(PauseReason.manual, agent.getPauseReason());
        assertNotNull(agent.getPausedAt());

        agent.resume();
        assertEquals(AgentStatus.idle, agent.getStatus());
        assertNull(agent.getPauseReason());
        assertNull(agent.getPausedAt());
    }

    @Test
    void aRunningAgentCanBePausedAndABudgetPauseResumed() {
        Agent agent = hire("Ada");
        agent.moveTo(AgentStatus.running);
        agent.pause(PauseReason.budget);
        assertEquals(PauseReason.budget, agent.getPauseReason());
        agent.resume();
        assertEquals(AgentStatus.idle, agent.getStatus());
    }

    @Test
    void pausingTwiceOrResumingWhatIsNotPausedIs409() {
        Agent agent = hire("Ada");
        ConflictException notPaused = assertThrows(ConflictException.class, agent::resume);
        assertEquals("Agent is not paused", notPaused.getMessage());
        agent.pause(PauseReason.manual);
        var pausedAt = agent.getPausedAt();
        ConflictException twice = assertThrows(ConflictException.class, () -> agent.pause(PauseReason.manual));
        assertEquals("Agent is already paused", twice.getMessage());
        assertEquals(pausedAt, agent.getPausedAt(), "the first pause stands");
    }

    @Test
    void anErroredAgentCannotBePausedButCanGoIdle() {
        Agent agent = hire("Ada");
        agent.moveTo(AgentStatus.running);
        agent.moveTo(AgentStatus.error);
        assertThrows(ConflictException.class, () -> agent.pause(PauseReason.manual));
        assertThrows(ConflictException.class, () -> agent.moveTo(AgentStatus.running));
        agent.moveTo(AgentStatus.idle);
        assertEquals(AgentStatus.idle, agent.getStatus());
    }

    @ParameterizedTest
    @EnumSource(value = AgentStatus.class, names = {"idle", "running", "error", "paused"})
    void terminationIsReachableFromEveryLiveStatusAndFinal(AgentStatus from) {
        Agent agent = hire("Ada");
        switch (from) {
            case running -> agent.moveTo(AgentStatus.running);
            case error -> {
                agent.moveTo(AgentStatus.running);
                agent.moveTo(AgentStatus.error);
            }
            case paused -> agent.pause(PauseReason.manual);
            default -> {
            }
        }
        assertEquals(from, agent.getStatus());
        agent.terminate();
        assertEquals(AgentStatus.terminated, agent.getStatus());
        assertNull(agent.getPauseReason());
        assertNull(agent.getPausedAt());

        assertThrows(ConflictException.class, agent::terminate);
        assertThrows(ConflictException.class, () -> agent.pause(PauseReason.manual));
        ConflictException resume = assertThrows(ConflictException.class, agent::resume);
        assertEquals("A terminated agent cannot be resumed", resume.getMessage());
        for (AgentStatus target : AgentStatus.values()) {
            assertThrows(ConflictException.class, () -> agent.moveTo(target), "terminated -> " + target);
        }
        assertEquals(AgentStatus.terminated, agent.getStatus());
    }

    @Test
    void moveToRefusesWhatTheSpecDoesNotListWithDetails() {
        Agent agent = hire("Ada");
        ConflictException e = assertThrows(ConflictException.class, () -> agent.moveTo(AgentStatus.error));
        assertEquals("Agent cannot go from idle to error", e.getMessage());
        assertEquals(Map.of("agentId", agent.getId().toString(), "status", "idle", "requestedStatus", "error"), e.details());
        assertThrows(ConflictException.class, () -> agent.moveTo(AgentStatus.pending_approval));
        assertThrows(ConflictException.class, () -> agent.moveTo(AgentStatus.active));
        assertEquals(AgentStatus.idle, agent.getStatus());
    }

    @Test
    void moveToPausedAndBackUsesThePauseRules() {
        Agent agent = hire("Ada");
        agent.moveTo(AgentStatus.paused);
        assertEquals(PauseReason.manual, agent.getPauseReason());
        agent.moveTo(AgentStatus.idle);
        assertNull(agent.getPausedAt());
    }

    // ---- reporting line ---------------------------------------------------------------------------

    @Test
    void reportsToAManagerOfTheSameCompany() {
        Agent ceo = hire("CEO");
        Agent cto = hire("CTO");
        cto.reportTo(ceo, company::get);
        assertEquals(ceo.getId(), cto.getReportsTo());
        cto.reportTo(null, company::get);
        assertNull(cto.getReportsTo());

        Agent stranger = new Agent(UUID.randomUUID(), "Stranger", null, null);
        RuleViolationException e = assertThrows(RuleViolationException.class, () -> cto.reportTo(stranger, company::get));
        assertEquals("reportsTo must be an agent of the same company", e.getMessage());
        assertNull(cto.getReportsTo(), "unchanged");
    }

    @Test
    void noCyclesAtAnyDepth() {
        Agent a = hire("A");
        Agent b = hire("B");
        Agent c = hire("C");
        Agent d = hire("D");
        b.reportTo(a, company::get);
        c.reportTo(b, company::get);
        d.reportTo(c, company::get);

        assertEquals("An agent cannot report to itself",
                assertThrows(RuleViolationException.class, () -> a.reportTo(a, company::get)).getMessage());
        for (Agent below : new Agent[] {b, c, d}) {
            RuleViolationException e = assertThrows(RuleViolationException.class, () -> a.reportTo(below, company::get));
            assertTrue(e.getMessage().contains("cycle"), e.getMessage());
        }
        assertNull(a.getReportsTo(), "unchanged");

        d.reportTo(a, company::get); // moving up the same chain is fine
        assertEquals(a.getId(), d.getReportsTo());
        c.reportTo(d, company::get); // c no longer has d below it
        assertEquals(d.getId(), c.getReportsTo());
    }

    @Test
    void aTerminatedManagerIsRefused() {
        Agent boss = hire("Boss");
        Agent agent = hire("Ada");
        boss.terminate();
        assertThrows(RuleViolationException.class, () -> agent.reportTo(boss, company::get));
        assertNull(agent.getReportsTo());
    }
}
