/** Writing the audit trail within the caller's transaction. */
package dev.paperclipee.activity.control;
