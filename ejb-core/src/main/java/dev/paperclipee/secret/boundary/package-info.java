/** Secrets management for the board (spec §7.12, §9.3): create, rename, rotate, delete; values are never read back. */
package dev.paperclipee.secret.boundary;
