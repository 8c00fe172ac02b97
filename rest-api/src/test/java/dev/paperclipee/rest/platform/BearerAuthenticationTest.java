package dev.paperclipee.rest.platform;

import dev.paperclipee.access.boundary.Authentication;
import dev.paperclipee.access.entity.Actor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How a request's {@code Authorization} and {@code X-Paperclip-Run-Id} headers become its caller
 * (api-contract "Who is calling", "Rules clients rely on"). The lookups are a recording stand-in
 * for the database-backed {@link Authentication}, so each case also shows how many it costs.
 */
class BearerAuthenticationTest {

    private static final String KEY = "pcp_0123456789abcdef0123456789abcdef0123456789abcdef";
    private static final String RUN_TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJl";

    private final UUID agentId = UUID.randomUUID();
    private final UUID companyId = UUID.randomUUID();
    private final UUID tokenRun = UUID.randomUUID();
    private final UUID liveRun = UUID.randomUUID();
    private final Lookups lookups = new Lookups();
    private final BearerAuthentication filter = new BearerAuthentication();

    {
        filter.authentication = lookups;
    }

    /** Answers for one known key, one known run token and one live run of the key's agent. */
    private final class Lookups extends Authentication {
        final List<String> calls = new ArrayList<>();

        @Override
        public Optional<Actor> agentKey(String token) {
            calls.add("agentKey");
            return token.equals(KEY) ? Optional.of(Actor.agent(agentId, companyId)) : Optional.empty();
        }

        @Override
        public Optional<Actor> runToken(String token) {
            calls.add("runToken");
            return token.equals(RUN_TOKEN) ? Optional.of(Actor.agentInRun(agentId, companyId, tokenRun)) : Optional.empty();
        }

        @Override
        public Optional<Actor> inRun(Actor agent, UUID runId) {
            calls.add("inRun");
            return runId.equals(liveRun) ? Optional.of(Actor.agentInRun(agent.agentId(), agent.companyId(), runId)) : Optional.empty();
        }
    }

    // ---- the token -----------------------------------------------------------------------------

    @Test
    void theTokenFollowsTheBearerScheme() {
        assertEquals(Optional.of("pcp_abc"), BearerAuthentication.token("Bearer pcp_abc"));
        assertEquals(Optional.of("pcp_abc"), BearerAuthentication.token("bearer pcp_abc"));
        assertEquals(Optional.of("pcp_abc"), BearerAuthentication.token("  BEARER   pcp_abc  "));
        assertEquals(Optional.of("a b"), BearerAuthentication.token("Bearer a b"), "left for the key check to refuse");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "pcp_abc", "Bearerpcp_abc", "Token pcp_abc"})
    void anythingElseHasNoToken(String header) {
        assertEquals(Optional.empty(), BearerAuthentication.token(header));
    }

    // ---- who is calling --------------------------------------------------------------------------

    @Test
    void noAuthorizationIsTheBoardWhateverTheRunHeaderSays() {
        for (String runHeader : new String[] {null, liveRun.toString(), "not-a-uuid"}) {
            assertEquals(BearerAuthentication.Decision.BOARD, filter.decide(null, "POST", runHeader));
        }
        assertEquals(List.of(), lookups.calls, "the board costs no lookup");
    }

    @Test
    void aPcpKeyIsALongLivedKeyAndAJwtARunToken() {
        Actor byKey = allowed(filter.decide("Bearer " + KEY, "POST", null));
        assertEquals(agentId, byKey.agentId());
        assertNull(byKey.runId());
        assertEquals(List.of("agentKey"), lookups.calls, "a long-lived key without the header: one lookup, as before");

        lookups.calls.clear();
        Actor byToken = allowed(filter.decide("Bearer " + RUN_TOKEN, "POST", null));
        assertEquals(agentId, byToken.agentId());
        assertEquals(companyId, byToken.companyId());
        assertEquals(tokenRun, byToken.runId(), "a run token acts in its run without a header");
        assertEquals(List.of("runToken"), lookups.calls);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer pcp_ffffffffffffffffffffffffffffffffffffffffffffffff", "Bearer aaa.bbb.ccc",
            "Bearer " + RUN_TOKEN + "x", "Basic dXNlcjpwYXNz", "Bearer "})
    void anUnknownKeyOrTokenIsTheSame401(String authorization) {
        BearerAuthentication.Decision decision = filter.decide(authorization, "GET", null);

        assertEquals(401, decision.status());
        assertEquals(BearerAuthentication.INVALID, decision.error());
        assertNull(decision.details());
    }

    // ---- X-Paperclip-Run-Id with a run token -------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "PATCH", "DELETE", "post"})
    void aRunTokensWriteMayNameItsOwnRun(String method) {
        assertEquals(tokenRun, allowed(filter.decide("Bearer " + RUN_TOKEN, method, tokenRun.toString())).runId());
        assertEquals(tokenRun, allowed(filter.decide("Bearer " + RUN_TOKEN, method,
                " " + tokenRun.toString().toUpperCase(Locale.ROOT) + " ")).runId(), "hex case and spaces do not matter");
        assertFalse(lookups.calls.contains("inRun"), "the token already names the run: " + lookups.calls);
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "PATCH", "DELETE"})
    void aRunTokensWriteNamingAnotherRunIs422(String method) {
        BearerAuthentication.Decision decision = filter.decide("Bearer " + RUN_TOKEN, method, liveRun.toString());

        assertEquals(422, decision.status());
        assertEquals(BearerAuthentication.NOT_THIS_KEYS_RUN, decision.error());
        assertEquals(Map.of("header", "X-Paperclip-Run-Id", "runId", liveRun.toString(), "keyRunId", tokenRun.toString()),
                decision.details());
        assertEquals(List.of("runToken"), lookups.calls, "refused without asking the database about the named run");
    }

    // ---- X-Paperclip-Run-Id with a long-lived key ------------------------------------------------

    @Test
    void aLongLivedKeyActsInALiveRunOfItsAgent() {
        Actor actor = allowed(filter.decide("Bearer " + KEY, "POST", liveRun.toString()));

        assertEquals(agentId, actor.agentId());
        assertEquals(companyId, actor.companyId());
        assertEquals(liveRun, actor.runId());
        assertEquals(List.of("agentKey", "inRun"), lookups.calls);
    }

    @Test
    void aLongLivedKeyNamingARunThatIsNotALiveRunOfItsAgentIs422() {
        UUID elsewhere = UUID.randomUUID();

        BearerAuthentication.Decision decision = filter.decide("Bearer " + KEY, "PATCH", elsewhere.toString());

        assertEquals(422, decision.status());
        assertEquals(BearerAuthentication.NOT_A_LIVE_RUN, decision.error());
        assertEquals(Map.of("header", "X-Paperclip-Run-Id", "runId", elsewhere.toString()), decision.details());
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-uuid", "1-2-3-4-5", "{00000000-0000-0000-0000-000000000000}", "null",
            "00000000-0000-0000-0000-00000000000g", "00000000-0000-0000-0000-000000000000, 00000000-0000-0000-0000-000000000001"})
    void aHeaderThatIsNoRunIdIs422ForEitherKey(String header) {
        for (String authorization : List.of("Bearer " + KEY, "Bearer " + RUN_TOKEN)) {
            BearerAuthentication.Decision decision = filter.decide(authorization, "POST", header);

            assertEquals(422, decision.status(), authorization);
            assertEquals(BearerAuthentication.NOT_A_RUN_ID, decision.error());
            assertEquals(Map.of("header", "X-Paperclip-Run-Id"), decision.details(), "the header's text is not echoed");
        }
        assertFalse(lookups.calls.contains("inRun"), lookups.calls::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "HEAD", "OPTIONS"})
    void readsIgnoreTheHeader(String method) {
        UUID elsewhere = UUID.randomUUID();
        for (String header : List.of(elsewhere.toString(), "not-a-uuid")) {
            assertNull(allowed(filter.decide("Bearer " + KEY, method, header)).runId(), "no run taken from a read's header");
            assertEquals(tokenRun, allowed(filter.decide("Bearer " + RUN_TOKEN, method, header)).runId());
        }
        assertEquals(Set.of("agentKey", "runToken"), Set.copyOf(lookups.calls), "reads never look the run up");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t"})
    void aBlankHeaderIsNoHeader(String header) {
        assertNull(allowed(filter.decide("Bearer " + KEY, "POST", header)).runId());
        assertEquals(tokenRun, allowed(filter.decide("Bearer " + RUN_TOKEN, "POST", header)).runId());
        assertFalse(lookups.calls.contains("inRun"));
    }

    private static Actor allowed(BearerAuthentication.Decision decision) {
        assertFalse(decision.isRefused(), () -> "refused: " + decision);
        assertTrue(decision.agent() != null && decision.agent().isAgent(), decision::toString);
        return decision.agent();
    }
}
