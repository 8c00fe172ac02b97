package dev.paperclipee.cost.boundary;

import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.company.control.CompanyScope;
import dev.paperclipee.cost.control.RollupQueries;
import dev.paperclipee.shared.entity.ConflictException;
import dev.paperclipee.shared.entity.MonthlySpend;
import dev.paperclipee.shared.entity.NotFoundException;

import jakarta.batch.operations.JobExecutionAlreadyCompleteException;
import jakarta.batch.operations.JobExecutionNotMostRecentException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.JobRestartException;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/**
 * The {@code cost-rollup} Jakarta Batch job (job XML and artifacts in the batch-jobs module; issue
 * 5): the board starts it for a company and reads how it went; anyone who may read the company's
 * costs reads the materialized rows. Jobs start and restart outside any JTA transaction: Payara
 * creates its job-repository tables lazily on the first start, and inside a transaction that
 * DDL is lost (ARCHITECTURE "Jakarta Batch").
 *
 * <p>An execution belongs to a company when it was started with that company's id; executions of
 * the nightly every-company run ({@link CostRollupSchedule}) and of other companies are not
 * found (404), as are executions of other jobs.
 */
@Stateless
public class CostRollups {

    public static final String JOB = "cost-rollup";
    public static final String COMPANY_ID = "companyId";
    public static final String MONTH = "month";
    static final int RECENT_INSTANCES = 200;

    /** An execution of the job as the API shows it; the times are null until it starts or ends. */
    public record Run(long jobId, String status, OffsetDateTime startedAt, OffsetDateTime endedAt, String exitStatus) {
    }

    @Inject
    CompanyScope scope;

    @Inject
    RollupQueries queries;

    /** Starts the job for a company (board only): the given month, else the current and the previous one. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Run start(Actor actor, UUID companyId, YearMonth month) {
        actor.requireBoard();
        scope.require(actor, companyId);
        Properties parameters = new Properties();
        parameters.setProperty(COMPANY_ID, companyId.toString());
        if (month != null) {
            parameters.setProperty(MONTH, month.toString());
        }
        JobOperator jobs = BatchRuntime.getJobOperator();
        return run(jobs.getJobExecution(jobs.start(JOB, parameters)));
    }

    /** Starts the job for every company and the default months; the schedule's entry point. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public long startForAllCompanies() {
        return BatchRuntime.getJobOperator().start(JOB, new Properties());
    }

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Run status(Actor actor, UUID companyId, long jobId) {
        scope.require(actor, companyId);
        return run(execution(companyId, jobId));
    }

    /**
     * Restarts a failed or stopped execution of the company's job (board only) with its own
     * parameters: it resumes after the last committed chunk. Answers the new execution.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Run restart(Actor actor, UUID companyId, long jobId) {
        actor.requireBoard();
        scope.require(actor, companyId);
        JobExecution failed = execution(companyId, jobId);
        if (failed.getBatchStatus() != BatchStatus.FAILED && failed.getBatchStatus() != BatchStatus.STOPPED) {
            throw notRestartable(failed);
        }
        JobOperator jobs = BatchRuntime.getJobOperator();
        try {
            return run(jobs.getJobExecution(jobs.restart(failed.getExecutionId(), failed.getJobParameters())));
        } catch (JobExecutionNotMostRecentException e) {
            throw new ConflictException("only the most recent execution of a job can be restarted");
        } catch (JobRestartException | JobExecutionAlreadyCompleteException e) {
            // a later execution of the same job instance completed it
            throw notRestartable(failed);
        }
    }

    private static ConflictException notRestartable(JobExecution execution) {
        return new ConflictException("the job cannot be restarted: it is " + execution.getBatchStatus()
                + " or was restarted already; only the latest execution of a failed or stopped job can");
    }

    /**
     * The newest execution started for the company (by the board or by a restart), among the
     * job's {@value #RECENT_INSTANCES} newest instances; empty when there is none. The board shows it
     * next to its "run now" button.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Optional<Run> latest(Actor actor, UUID companyId) {
        scope.require(actor, companyId);
        JobOperator jobs = BatchRuntime.getJobOperator();
        List<JobInstance> instances;
        try {
            instances = jobs.getJobInstances(JOB, 0, RECENT_INSTANCES);
        } catch (NoSuchJobException e) {
            return Optional.empty(); // never started on this server
        }
        String company = companyId.toString();
        return instances.stream()
                .flatMap(instance -> jobs.getJobExecutions(instance).stream())
                .filter(e -> e.getJobParameters() != null && company.equals(e.getJobParameters().getProperty(COMPANY_ID)))
                .max(Comparator.comparingLong(JobExecution::getExecutionId))
                .map(CostRollups::run);
    }

    /** The materialized rows of a month (the current one if null), as the job last wrote them. */
    public List<RollupQueries.Rollup> rows(Actor actor, UUID companyId, YearMonth month) {
        scope.require(actor, companyId);
        return queries.rows(companyId, month == null ? MonthlySpend.currentMonth() : month);
    }

    private static JobExecution execution(UUID companyId, long jobId) {
        JobExecution execution;
        try {
            execution = BatchRuntime.getJobOperator().getJobExecution(jobId);
        } catch (NoSuchJobExecutionException e) {
            throw NotFoundException.of("Rollup job", jobId);
        }
        if (execution == null || !JOB.equals(execution.getJobName()) || execution.getJobParameters() == null
                || !companyId.toString().equals(execution.getJobParameters().getProperty(COMPANY_ID))) {
            throw NotFoundException.of("Rollup job", jobId);
        }
        return execution;
    }

    private static Run run(JobExecution e) {
        return new Run(e.getExecutionId(), e.getBatchStatus().name(), time(e.getStartTime()), time(e.getEndTime()),
                e.getExitStatus());
    }

    private static OffsetDateTime time(Date date) {
        return date == null ? null : date.toInstant().atOffset(ZoneOffset.UTC);
    }
}
