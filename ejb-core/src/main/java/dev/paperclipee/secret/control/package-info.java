/**
 * How secrets are kept and used (spec §7.12, §16): the {@code local_encrypted} provider (AES-GCM
 * under a master key), env bindings and their references, resolution when a run starts, and the
 * redaction of sensitive values in what the API shows.
 */
package dev.paperclipee.secret.control;
