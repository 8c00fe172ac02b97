/**
 * What every concept shares: the domain exceptions (each one HTTP status, spec §10.9), the
 * text rules every stored string obeys, enum wire names and time.
 */
package dev.paperclipee.shared.entity;
