package dev.paperclipee.shared.entity;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;


/**
 * What every mutable row carries: the times ({@link Timestamped}) and a {@code version} for
 * optimistic locking — a concurrent edit of the same row fails with
 * {@code OptimisticLockException}, which the API answers with 409 (STYLE: ordinary edits use
 * {@code @Version}).
 */
@MappedSuperclass
public abstract class Versioned extends Timestamped {

    @Version
    private int version;



    public int getVersion() { return version; }
}
