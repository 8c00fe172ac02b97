/** Company routes (spec §10.1). */
package dev.paperclipee.rest.company;
