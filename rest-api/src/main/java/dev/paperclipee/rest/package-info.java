/**
 * The JSON API under {@code /api} (spec §10): resources translate HTTP to calls of the
 * ejb-core boundaries and entities to response records; no rule of the domain lives here.
 */
package dev.paperclipee.rest;
