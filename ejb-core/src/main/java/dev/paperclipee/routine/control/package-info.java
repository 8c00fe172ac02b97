/** The cron schedule of a routine and the SQL that claims due routines on any node. */
package dev.paperclipee.routine.control;
