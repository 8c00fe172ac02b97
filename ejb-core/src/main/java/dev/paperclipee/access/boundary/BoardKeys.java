package dev.paperclipee.access.boundary;

import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.access.entity.BoardApiKey;
import dev.paperclipee.access.entity.BoardKeyTokens;
import dev.paperclipee.shared.entity.NotFoundException;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * A board user's own API keys for scripts (deployment-modes.md §4): create (the token is shown
 * once), list, revoke. Board only: agents may not mutate auth or keys (spec §9.2), and one board
 * user never sees or revokes another's keys (404, as for an unknown key). Board keys belong to no
 * company, so they have no {@code activity_log} row (that log is per company); each change is a
 * line in the server log naming the key by id and name, never by token or hash.
 */
@Stateless
public class BoardKeys {

    private static final Logger LOG = Logger.getLogger(BoardKeys.class.getName());

    @PersistenceContext
    EntityManager em;

    public IssuedBoardKey create(Actor actor, String name) {
        actor.requireBoard();
        UUID owner = owner(actor);
        String token = BoardKeyTokens.generate();
        BoardApiKey key = new BoardApiKey(owner, name, BoardKeyTokens.hash(token));
        em.persist(key);
        LOG.info(() -> "board API key " + key.getId() + " (" + key.getName() + ") created by user " + owner);
        return new IssuedBoardKey(key, token);
    }

    /** The caller's keys, revoked ones included, oldest first. */
    public List<BoardApiKey> list(Actor actor) {
        actor.requireBoard();
        return em.createNamedQuery(BoardApiKey.BY_USER, BoardApiKey.class).setParameter("userId", owner(actor)).getResultList();
    }

    /** Revokes at once (the next request with it is a 401); a revoked key is answered unchanged. */
    public BoardApiKey revoke(Actor actor, UUID keyId) {
        actor.requireBoard();
        BoardApiKey key = em.find(BoardApiKey.class, keyId);
        if (key == null || !key.getUserId().equals(owner(actor))) {
            throw NotFoundException.of("API key", keyId);
        }
        if (!key.isRevoked()) {
            key.revoke();
            LOG.info(() -> "board API key " + key.getId() + " (" + key.getName() + ") revoked");
        }
        return key;
    }

    /** The board user who owns the keys; the system acts for nobody's keys. */
    private static UUID owner(Actor actor) {
        if (!actor.isBoard()) {
            throw dev.paperclipee.shared.entity.ForbiddenException.boardOnly();
        }
        return actor.userId();
    }

    /** A new key and its token, which exists only in this answer. */
    public record IssuedBoardKey(BoardApiKey key, String token) {
        @Override
        public String toString() {
            return "IssuedBoardKey[key=" + key.getId() + ", token=(shown once)]";
        }
    }
}
