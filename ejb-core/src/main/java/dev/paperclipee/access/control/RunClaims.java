package dev.paperclipee.access.control;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What a verified run-scoped token says: the agent acts in this run of this company until
 * {@code expiresAt} (whole seconds, as a JWT carries it). A valid signature is not yet a valid
 * caller: the run must still be live, which only the database knows.
 */
public record RunClaims(UUID runId, UUID agentId, UUID companyId, Instant expiresAt) {

    public RunClaims {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(companyId, "companyId");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
