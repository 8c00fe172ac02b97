/** Spec §7.12: the board's company secrets, {@code /api/companies/:companyId/secrets} and {@code /api/secrets/:secretId}. */
package dev.paperclipee.rest.secret;
