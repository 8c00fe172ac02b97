/**
 * How credentials are checked: run-scoped agent tokens (signed JWTs, api-contract "Who is
 * calling") and the installation's own keys that sign them.
 */
package dev.paperclipee.access.control;
