/**
 * Jakarta Batch artifacts. Jobs are declared in {@code META-INF/batch-jobs/*.xml} (kebab-case
 * job and step ids, camelCase {@code @Named} artifacts) and started from ejb-core boundaries
 * outside any JTA transaction. The first jobs, the cost rollup and company import/export, come
 * with the money and portability capabilities.
 */
package dev.paperclipee.batch;
