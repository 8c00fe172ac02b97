/** Project routes (spec §10.5). */
package dev.paperclipee.rest.project;
