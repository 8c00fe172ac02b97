/** Text documents with append-only revisions, attached to issues by a workflow key (spec §7.15). */
package dev.paperclipee.document.entity;
