package dev.paperclipee.portability.batch;

import dev.paperclipee.portability.boundary.CompanyImports;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Step {@code apply}: the import in one transaction (the boundary's). If it is refused or breaks,
 * that transaction is rolled back, the failure is reported in a transaction of its own, and the step
 * fails.
 */
@Named
@Dependent
public class CompanyImportApplier extends AbstractBatchlet {

    private static final Logger LOG = Logger.getLogger(CompanyImportApplier.class.getName());

    @Inject
    JobContext job;

    @Inject
    CompanyImports imports;

    @Override
    public String process() throws Exception {
        long id = job.getExecutionId();
        try {
            String summary = imports.apply(id, BatchRuntime.getJobOperator().getParameters(id));
            job.setExitStatus(summary);
            return "APPLIED";
        } catch (Exception e) {
            Exception cause = e instanceof jakarta.ejb.EJBException ejb && ejb.getCausedByException() != null
                    ? ejb.getCausedByException() : e;
            LOG.log(Level.WARNING, "company-import execution " + id + " failed; nothing was imported", cause);
            imports.failed(id, cause);
            job.setExitStatus("FAILED: " + cause.getMessage());
            throw e;
        }
    }
}
