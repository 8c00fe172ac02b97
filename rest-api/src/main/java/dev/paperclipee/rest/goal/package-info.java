/** Goal routes (spec §10.2). */
package dev.paperclipee.rest.goal;
