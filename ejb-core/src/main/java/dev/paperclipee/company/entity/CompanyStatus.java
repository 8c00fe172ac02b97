package dev.paperclipee.company.entity;

/**
 * Spec §7.1. An archived company keeps its history but takes no new work.
 *
 * <p>Like every status enum here, the constants are lower case because their names are the wire
 * and column values ({@code EnumType.STRING} + the column's CHECK constraint).
 */
public enum CompanyStatus {
    active, paused, archived
}
