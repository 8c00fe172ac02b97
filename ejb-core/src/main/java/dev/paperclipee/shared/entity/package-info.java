/**
 * What every concept shares: the domain exceptions (each one HTTP status, spec §10.9), the
 * text rules every stored string obeys, enum wire names, time, and the clearable field of a
 * partial update ({@link dev.paperclipee.shared.entity.Change}).
 */
package dev.paperclipee.shared.entity;
