/** The company dashboard route (spec §10.8). */
package dev.paperclipee.rest.dashboard;
