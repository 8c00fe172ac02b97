package dev.paperclipee.access.control;

import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.security.SecureRandom;

/**
 * The installation's own secrets in {@code instance_keys}, generated once per database and shared
 * by every node (a key on one node's disk would make tokens signed there invalid on the others).
 *
 * <p>Two statements, in the caller's transaction: an insert of a fresh random key that does
 * nothing when the name exists, then a read. When two nodes start together, PostgreSQL makes the
 * second insert wait for the first one's commit and then skip; the read that follows is a new
 * statement and so, under READ COMMITTED, sees the winner's key. (One statement with a CTE would
 * not: its read would use the snapshot taken before the wait.)
 */
@Dependent
public class InstanceKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext
    EntityManager em;

    /** The secret stored under {@code name}, created now with {@code bytes} random bytes if there is none. */
    public byte[] secret(String name, int bytes) {
        byte[] candidate = new byte[bytes];
        RANDOM.nextBytes(candidate);
        em.createNativeQuery("insert into instance_keys (name, secret) values (?1, ?2) on conflict (name) do nothing")
                .setParameter(1, name)
                .setParameter(2, candidate)
                .executeUpdate();
        return (byte[]) em.createNativeQuery("select secret from instance_keys where name = ?1")
                .setParameter(1, name)
                .getSingleResult();
    }
}
