/** Routines over the API and the board, and the scheduler tick that fires them (spec §10.10). */
package dev.paperclipee.routine.boundary;
