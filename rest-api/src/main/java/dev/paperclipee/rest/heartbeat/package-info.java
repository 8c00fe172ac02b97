/** Heartbeat runs over HTTP (spec §10.3 invoke, §7.8, §11.3 callback; api-contract runs rows). */
package dev.paperclipee.rest.heartbeat;
