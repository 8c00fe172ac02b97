package dev.paperclipee.rest.platform;

import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.access.entity.DeploymentMode;
import dev.paperclipee.shared.entity.ForbiddenException;

import jakarta.enterprise.context.RequestScoped;

/**
 * Who is calling this request, as {@link BearerAuthentication} decided it: an agent (with the run
 * it acts in, for a run-scoped key or a valid {@code X-Paperclip-Run-Id}), a board user (by
 * session or board API key), or — only in {@code local_trusted} mode, and only without any
 * credentials — the implicit local board operator.
 */
@RequestScoped
public class Caller {

    private Actor actor;

    public Actor actor() {
        if (actor != null) {
            return actor;
        }
        if (DeploymentMode.current().isLocalTrusted()) {
            return Actor.localBoard();
        }
        // the filter answers 401 before a resource runs; this only guards a path that skipped it
        throw new ForbiddenException("Authentication required");
    }

    /** The authenticated actor and its run if any (set once, by the authentication filter). */
    void authenticatedAs(Actor authenticated) {
        this.actor = authenticated;
    }
}
