/**
 * The {@code company-export} and {@code company-import} jobs (issue 8, spec §21;
 * {@code META-INF/batch-jobs/company-export.xml}, {@code company-import.xml}): batchlets that hand
 * each step to the portability boundaries of ejb-core, which own the transactions — an import is
 * applied in one, so a package with a problem changes nothing. They live in ejb-core, not in
 * batch-jobs: a library in the EAR's {@code lib/} cannot see the EJB module's classes, and these
 * call its boundaries.
 */
package dev.paperclipee.portability.batch;
