/** Routines: recurring task definitions and the record of their firings (spec §10.10). */
package dev.paperclipee.routine.entity;
