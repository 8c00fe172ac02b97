/** Issue use cases: create, list, read, update, checkout, release, force-release, comments (spec §10.4). */
package dev.paperclipee.issue.boundary;
