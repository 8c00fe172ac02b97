package dev.paperclipee.document.entity;

/** Spec §7.15: how a document's body is written. Names are wire and column values. */
public enum DocumentFormat {
    markdown
}
