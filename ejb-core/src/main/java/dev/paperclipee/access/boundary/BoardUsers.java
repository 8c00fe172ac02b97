package dev.paperclipee.access.boundary;

import dev.paperclipee.access.control.Passwords;
import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.access.entity.BoardUser;
import dev.paperclipee.shared.entity.InvalidInputException;
import dev.paperclipee.shared.entity.RuleViolationException;
import dev.paperclipee.shared.entity.Text;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Board users of {@code authenticated} mode (spec §9.1, deployment-modes.md §4–5): who may log
 * in, and whether a logged-in user may still act. An unknown e-mail, a wrong password and a
 * disabled user are all the same "no", and cost the same time (a hash is checked either way),
 * so a login form cannot be used to find out which addresses exist.
 */
@Stateless
public class BoardUsers {

    /** A hash of nothing anyone knows, checked when the e-mail is unknown so that both cost the same. */
    private static volatile String decoyHash;

    @PersistenceContext
    EntityManager em;

    @Inject
    Passwords passwords;

    /** The board user with this e-mail and password, or empty. */
    public Optional<Actor> verify(String email, String password) {
        if (!storable(email) || !storable(password)) {
            return Optional.empty(); // the database could not even compare it
        }
        Optional<BoardUser> user = byEmail(email);
        if (user.isEmpty() || !user.get().canLogIn()) {
            passwords.verify(password == null ? "" : password, decoy());
            return Optional.empty();
        }
        return passwords.verify(password, user.get().getPasswordHash())
                ? Optional.of(Actor.boardUser(user.get().getId()))
                : Optional.empty();
    }

    /** The user behind a session, while it exists and is not disabled. */
    public Optional<BoardUser> active(UUID userId) {
        BoardUser user = em.find(BoardUser.class, userId);
        return user == null || user.isDisabled() ? Optional.empty() : Optional.of(user);
    }

    /** Whether anyone can log in with a password yet (bootstrap, deployment-modes.md §5). */
    public boolean anyoneCanLogIn() {
        return em.createNamedQuery(BoardUser.COUNT_WITH_PASSWORD, Long.class).getSingleResult() > 0;
    }

    /**
     * The first board user, an instance admin, from the operator's bootstrap settings: created
     * when no user can log in yet and the e-mail is free, else nothing happens (a restart with the
     * variables still set is harmless). Answers the user created, if any.
     */
    public Optional<BoardUser> bootstrapAdmin(String email, String password) {
        if (password == null || password.length() < Passwords.MIN_LENGTH) {
            throw new RuleViolationException("The bootstrap password must be at least " + Passwords.MIN_LENGTH
                    + " characters long", Map.of("field", "password"));
        }
        if (anyoneCanLogIn() || byEmail(email).isPresent()) {
            return Optional.empty();
        }
        String name = email.strip();
        int at = name.indexOf('@');
        BoardUser user = new BoardUser(email, at > 0 ? name.substring(0, at) : name, passwords.hash(password),
                BoardUser.INSTANCE_ADMIN);
        em.persist(user);
        return Optional.of(user);
    }

    private static boolean storable(String text) {
        try {
            Text.required("text", text, Integer.MAX_VALUE);
            return true;
        } catch (InvalidInputException e) {
            return false;
        }
    }

    private Optional<BoardUser> byEmail(String email) {
        return em.createNamedQuery(BoardUser.BY_EMAIL, BoardUser.class)
                .setParameter("email", BoardUser.normalEmail(email))
                .getResultStream().findFirst();
    }

    private String decoy() {
        String hash = decoyHash;
        if (hash == null) {
            hash = passwords.hash(UUID.randomUUID().toString());
            decoyHash = hash;
        }
        return hash;
    }
}
