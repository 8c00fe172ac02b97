/** The agent skill routes: the instructions an agent follows to work with this server. */
package dev.paperclipee.rest.skill;
