package dev.paperclipee.portability.batch;

import dev.paperclipee.portability.boundary.CompanyExports;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.Properties;
import java.util.UUID;

/** Step {@code write-package}: the company as a package zip, stored for the execution. */
@Named
@Dependent
public class CompanyExportBatchlet extends AbstractBatchlet {

    @Inject
    JobContext job;

    @Inject
    CompanyExports exports;

    @Override
    public String process() {
        Properties p = BatchRuntime.getJobOperator().getParameters(job.getExecutionId());
        String summary = exports.write(job.getExecutionId(), UUID.fromString(p.getProperty(CompanyExports.COMPANY_ID)),
                Boolean.parseBoolean(p.getProperty(CompanyExports.PROJECTS)), Boolean.parseBoolean(p.getProperty(CompanyExports.TASKS)));
        job.setExitStatus(summary);
        return summary;
    }
}
