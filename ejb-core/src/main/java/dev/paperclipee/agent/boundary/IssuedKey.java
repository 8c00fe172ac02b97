package dev.paperclipee.agent.boundary;

import dev.paperclipee.agent.entity.AgentApiKey;

/**
 * A key just created and its token: the only moment the token exists outside the client
 * (spec §7.3). Nothing stores it; only its hash is in the database.
 */
public record IssuedKey(AgentApiKey key, String token) {

    @Override
    public String toString() {
        return "IssuedKey[key=" + key.getId() + ", token=(shown once)]";
    }
}
