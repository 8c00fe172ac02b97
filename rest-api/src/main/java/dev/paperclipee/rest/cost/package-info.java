/** Cost routes (spec §10.7). */
package dev.paperclipee.rest.cost;
