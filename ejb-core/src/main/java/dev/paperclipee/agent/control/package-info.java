/** Agent lookups shared by concepts (company membership) and the org chart: locking, chain of command, tree. */
package dev.paperclipee.agent.control;
