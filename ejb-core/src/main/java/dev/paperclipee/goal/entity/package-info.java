/** Goals: the hierarchy every task traces back to (spec §7.4). */
package dev.paperclipee.goal.entity;
