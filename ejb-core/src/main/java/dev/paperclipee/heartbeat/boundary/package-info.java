/** Heartbeat runs, their scheduler and the adapters that reach agents (spec §7.8, §11, execution-semantics). */
package dev.paperclipee.heartbeat.boundary;
