/** The project boundary: projects of a company, linked to its goals and agents (spec §7.5, §10.5). */
package dev.paperclipee.project.boundary;
