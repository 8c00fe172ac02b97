/**
 * The schema (Flyway migrations under {@code db/migration}) and the launcher of the runnable jar.
 *
 * <p>The launcher is the jar's start class: it decides which PostgreSQL the application uses
 * (an embedded one under the instance directory, or the one {@code DATABASE_URL} names), checks
 * what commonly goes wrong before the server starts (port taken, data directory unusable,
 * database unreachable) so that the operator gets one clear line instead of a stack trace, and
 * then boots Payara Micro with the data source, bind address and port configured.
 */
package dev.paperclipee.db;
