/**
 * Agents (spec §7.2, §7.3, §8.1): the agent with its status machine and reporting line, its
 * heartbeat policy, and its API keys (only hashes are stored).
 */
package dev.paperclipee.agent.entity;
