/** Companies: the tenant of every business record (spec §7.1, §10.1). */
package dev.paperclipee.company.entity;
