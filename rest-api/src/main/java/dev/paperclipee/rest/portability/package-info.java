/**
 * Company export and import over the API (issue 8, spec §21), board only: the export job and its
 * zip, uploads of packages, the import preview, the import job and its report.
 */
package dev.paperclipee.rest.portability;
