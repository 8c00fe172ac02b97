/**
 * Company secrets (spec §7.12): a secret's identity and provider metadata, its immutable
 * versions (ciphertext only, never a plain value), and the env bindings that refer to them.
 */
package dev.paperclipee.secret.entity;
