/**
 * Board log-in over the API ({@code /api/auth}) and board API keys ({@code /api/board/api-keys})
 * (spec §9.1, deployment-modes.md §4).
 */
package dev.paperclipee.rest.auth;
