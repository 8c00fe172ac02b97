/** Stored objects (assets) and their attachment to issues and comments (spec §7.14). */
package dev.paperclipee.attachment.entity;
