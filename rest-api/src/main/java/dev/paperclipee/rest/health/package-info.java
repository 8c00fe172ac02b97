/** The public health probe. */
package dev.paperclipee.rest.health;
