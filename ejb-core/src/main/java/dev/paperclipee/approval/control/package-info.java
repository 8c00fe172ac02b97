/** Reading and checking approval payloads, e.g. the agent-create body of a {@code hire_agent} request. */
package dev.paperclipee.approval.control;
