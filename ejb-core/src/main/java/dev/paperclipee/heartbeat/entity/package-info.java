/** Heartbeat runs and their status machine (spec §7.8). */
package dev.paperclipee.heartbeat.entity;
