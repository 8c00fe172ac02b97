/** The dashboard's counting queries and its spend figures. */
package dev.paperclipee.dashboard.control;
