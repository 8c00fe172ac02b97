/** Start-up services every concept relies on: schema migrations. */
package dev.paperclipee.shared.boundary;
