package dev.paperclipee.portability.batch;

import dev.paperclipee.portability.boundary.CompanyImports;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Step {@code validate}: reads and plans the package; {@value #INVALID} (the job ends, nothing
 * changed, the report lists every problem) or {@value #VALID}.
 */
@Named
@Dependent
public class CompanyImportValidator extends AbstractBatchlet {

    static final String VALID = "VALID";
    static final String INVALID = "INVALID";

    @Inject
    JobContext job;

    @Inject
    CompanyImports imports;

    @Override
    public String process() {
        boolean ok = imports.validate(job.getExecutionId(), BatchRuntime.getJobOperator().getParameters(job.getExecutionId()));
        if (!ok) {
            job.setExitStatus("REJECTED: the package has problems; nothing was imported");
        }
        return ok ? VALID : INVALID;
    }
}
