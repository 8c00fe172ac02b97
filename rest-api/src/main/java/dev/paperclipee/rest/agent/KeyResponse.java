package dev.paperclipee.rest.agent;

import dev.paperclipee.agent.boundary.IssuedKey;
import dev.paperclipee.agent.entity.AgentApiKey;
import dev.paperclipee.rest.platform.Json;

/** An API key as listed: never its token or hash. */
public record KeyResponse(String id, String name, String createdAt, String revokedAt, String lastUsedAt) {

    public static KeyResponse of(AgentApiKey k) {
        return new KeyResponse(k.getId().toString(), k.getName(), Json.time(k.getCreatedAt()), Json.time(k.getRevokedAt()),
                Json.time(k.getLastUsedAt()));
    }

    /** The answer to creating a key: the only one that carries the {@code token}. */
    public record Created(String id, String name, String createdAt, String revokedAt, String lastUsedAt, String token) {

        public static Created of(IssuedKey issued) {
            KeyResponse k = KeyResponse.of(issued.key());
            return new Created(k.id(), k.name(), k.createdAt(), k.revokedAt(), k.lastUsedAt(), issued.token());
        }

        @Override
        public String toString() {
            return "Created[id=" + id + ", token=(shown once)]";
        }
    }
}
