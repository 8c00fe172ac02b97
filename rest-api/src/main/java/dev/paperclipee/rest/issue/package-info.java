/** Issue, checkout and comment routes (spec §10.4, §10.4.1). */
package dev.paperclipee.rest.issue;
