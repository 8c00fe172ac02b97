package dev.paperclipee.rest.platform;

import dev.paperclipee.access.entity.Actor;

import jakarta.enterprise.context.RequestScoped;

/**
 * Who is calling this request. {@link BearerAuthentication} sets an agent when the request
 * carries a valid agent API key (with the run it acts in, for a run-scoped key or a valid
 * {@code X-Paperclip-Run-Id}); a request without credentials is the implicit board operator
 * of {@code local_trusted} mode (board log-in modes replace that default later).
 */
@RequestScoped
public class Caller {

    private Actor agent;

    public Actor actor() {
        return agent != null ? agent : Actor.localBoard();
    }

    /** The agent the request's API key belongs to, and its run if any (set once, by the authentication filter). */
    void authenticatedAs(Actor agentActor) {
        this.agent = agentActor;
    }
}
