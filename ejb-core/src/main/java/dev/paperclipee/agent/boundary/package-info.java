/** The agent boundary: hiring by the board, the org chart, pause/resume/terminate and API keys (spec §10.3). */
package dev.paperclipee.agent.boundary;
