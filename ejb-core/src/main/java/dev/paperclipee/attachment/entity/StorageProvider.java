package dev.paperclipee.attachment.entity;

/** Spec §7.14: where an asset's bytes live. Names are wire and column values. */
public enum StorageProvider {
    local_disk, s3
}
