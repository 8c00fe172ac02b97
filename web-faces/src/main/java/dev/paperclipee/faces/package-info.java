/**
 * Backing beans of the board, one per screen, named after it. They call ejb-core boundaries
 * only — no EntityManager, no JPQL, no rules of the spec.
 */
package dev.paperclipee.faces;
