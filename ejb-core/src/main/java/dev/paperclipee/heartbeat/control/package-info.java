/** The adapter SPI and adapters (process, http, claude_local, codex_local), run logs, run tokens and the scheduling queries. */
package dev.paperclipee.heartbeat.control;
