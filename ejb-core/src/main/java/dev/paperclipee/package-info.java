/**
 * Paperclip EE's domain, one package per business concept, each split into {@code boundary}
 * (the {@code @Stateless} entry point and its transaction), {@code control} (queries and
 * algorithms) and {@code entity} (state that guards its own invariants). REST and Faces call the
 * boundaries; a rule of the spec lives here once.
 */
package dev.paperclipee;
