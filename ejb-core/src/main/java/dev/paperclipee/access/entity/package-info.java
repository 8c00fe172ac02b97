/** Who is acting: board users, agents and the system, and the permission checks on them (spec §9). */
package dev.paperclipee.access.entity;
