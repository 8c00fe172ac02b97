/** HTTP plumbing shared by all resources: error bodies, exception mapping, JSON settings, request ids. */
package dev.paperclipee.rest.platform;
