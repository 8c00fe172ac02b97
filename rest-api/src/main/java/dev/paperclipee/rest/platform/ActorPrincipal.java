package dev.paperclipee.rest.platform;

import dev.paperclipee.access.entity.Actor;

import jakarta.security.enterprise.CallerPrincipal;

/**
 * The container's principal for a Paperclip actor: its name is the user or agent id, and it
 * carries the actor itself — an agent's company and run included — so nothing is looked up twice.
 */
public class ActorPrincipal extends CallerPrincipal {

    private static final long serialVersionUID = 1L;

    private final Actor actor;

    public ActorPrincipal(Actor actor) {
        super(actor.id());
        this.actor = actor;
    }

    public Actor actor() {
        return actor;
    }

    /** The role the container knows the caller by: {@code board} or {@code agent}. */
    public String group() {
        return actor.isAgent() ? "agent" : "board";
    }
}
