/** Writing the audit trail within the caller's transaction, and the queries that read it. */
package dev.paperclipee.activity.control;
