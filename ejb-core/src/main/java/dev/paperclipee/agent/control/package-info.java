/** Agent lookups other concepts need before the agent slice exists: company membership. */
package dev.paperclipee.agent.control;
