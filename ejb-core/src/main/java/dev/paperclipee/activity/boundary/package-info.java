/** Reading the audit trail (spec §10.8). */
package dev.paperclipee.activity.boundary;
