/** Approval routes (spec §10.6, §12): request, list, read, and the board's decisions. */
package dev.paperclipee.rest.approval;
