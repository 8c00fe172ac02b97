/**
 * Jakarta Batch artifacts. Jobs are declared in {@code META-INF/batch-jobs/*.xml} (kebab-case
 * job and step ids, camelCase {@code @Named} artifacts) and started from ejb-core boundaries
 * outside any JTA transaction. {@code cost-rollup} is in {@code dev.paperclipee.batch.cost};
 * company import/export comes with the portability capability.
 */
package dev.paperclipee.batch;
