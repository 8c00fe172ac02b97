/** The cost boundary: agents and the board report spend, the board sets budgets, both read costs by month (spec §10.7, §13). */
package dev.paperclipee.cost.boundary;
