/** Projects: bodies of work under a goal, with lead, target date and environment (spec §7.5). */
package dev.paperclipee.project.entity;
