/** The cost boundary: agents and the board report spend (spec §10.7, §13.3). */
package dev.paperclipee.cost.boundary;
