package dev.paperclipee.shared.entity;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;

/**
 * What every mutable row carries (spec §7: {@code created_at}, {@code updated_at}): the times,
 * and a {@code version} for optimistic locking — a concurrent edit of the same row fails with
 * {@code OptimisticLockException}, which the API answers with 409 (STYLE: ordinary edits use
 * {@code @Version}).
 */
@MappedSuperclass
public abstract class Versioned {

    @Version
    private int version;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @PrePersist
    void stampCreation() {
        createdAt = Timestamps.now();
        updatedAt = createdAt;
    }

    @PreUpdate
    void stampUpdate() {
        updatedAt = Timestamps.now();
    }

    public int getVersion() { return version; }
    public OffsetDateTime getCreatedAt() { return createdAt; }
    public OffsetDateTime getUpdatedAt() { return updatedAt; }
}
