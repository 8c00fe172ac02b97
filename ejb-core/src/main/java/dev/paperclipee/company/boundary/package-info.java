/** The company boundary: lifecycle and branding, board-only mutations (spec §10.1, §9.3). */
package dev.paperclipee.company.boundary;
