/**
 * The {@code cost-rollup} job ({@code META-INF/batch-jobs/cost-rollup.xml}; issue 5, spec §13.4):
 * step {@code rollup} materializes {@code cost_rollups} one company-month per chunk from
 * {@code cost_events}; step {@code reconcile} sets spend counters that disagree with the current
 * month's events back to the events' sum. Artifacts use JDBC on the platform default data source,
 * which the batch runtime shares (ARCHITECTURE "Runtime"): chunk transactions then hold one
 * resource, the application's writes and the job repository's checkpoint commit together.
 */
package dev.paperclipee.batch.cost;
