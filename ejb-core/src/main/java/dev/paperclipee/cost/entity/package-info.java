/** Cost events: the reported spend of agents, facts that budgets and rollups are computed from (spec §7.9). */
package dev.paperclipee.cost.entity;
