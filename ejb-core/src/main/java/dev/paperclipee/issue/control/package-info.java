/** Issue numbering, search, permissions and the atomic checkout statements (spec §10.4, §10.4.1). */
package dev.paperclipee.issue.control;
