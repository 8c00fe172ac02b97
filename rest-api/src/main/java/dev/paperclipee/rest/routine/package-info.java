/** Routine routes (spec §10.10): recurring task definitions, pause/resume, firing by hand, run history. */
package dev.paperclipee.rest.routine;
