/** Goal tree queries: a company's goals, its root goals, what still refers to a goal. */
package dev.paperclipee.goal.control;
