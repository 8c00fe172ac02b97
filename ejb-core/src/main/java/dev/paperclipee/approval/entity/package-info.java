/**
 * Approvals (spec §7.10, §8.3, §12): a governance request of a company with its type, payload and
 * status machine; a decided approval is final.
 */
package dev.paperclipee.approval.entity;
