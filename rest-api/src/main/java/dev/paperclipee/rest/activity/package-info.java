/** The audit trail route (spec §10.8). */
package dev.paperclipee.rest.activity;
