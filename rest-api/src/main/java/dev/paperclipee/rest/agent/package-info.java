/** Agent routes (spec §10.3): agents, the org chart, pause/resume/terminate, API keys, and {@code /agents/me}. */
package dev.paperclipee.rest.agent;
