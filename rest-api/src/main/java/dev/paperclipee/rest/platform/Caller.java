package dev.paperclipee.rest.platform;

import dev.paperclipee.access.entity.Actor;

import jakarta.enterprise.context.RequestScoped;

/**
 * Who is calling this request. In {@code local_trusted} mode (the only mode so far) a request
 * without credentials is the implicit board operator; agent keys and board sessions replace
 * this once authentication lands.
 */
@RequestScoped
public class Caller {

    public Actor actor() {
        return Actor.localBoard();
    }
}
