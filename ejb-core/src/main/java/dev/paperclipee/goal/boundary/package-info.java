/** The goal boundary: the company's goal tree and its invariants (spec §7.4, §10.2). */
package dev.paperclipee.goal.boundary;
