/** Issues (tasks), their status machine and comment threads (spec §7.6, §7.7, §8.2). */
package dev.paperclipee.issue.entity;
