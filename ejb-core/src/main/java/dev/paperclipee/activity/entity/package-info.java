/** The audit trail: every mutation leaves one row (spec §7.11, §15.3). */
package dev.paperclipee.activity.entity;
