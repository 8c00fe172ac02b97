/** The company dashboard (spec §10.8): agent, task and approval counts and the month's spend, from live data. */
package dev.paperclipee.dashboard.boundary;
