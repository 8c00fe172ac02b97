package dev.paperclipee.portability.boundary;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.StepExecution;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;

/**
 * An execution of a portability job as the API shows it: its batch status, and the progress of its
 * steps in order (each step's status; a step not started yet is absent).
 */
public record JobRun(long jobId, String job, String status, OffsetDateTime startedAt, OffsetDateTime endedAt,
                     String exitStatus, List<Step> steps) {

    public record Step(String name, String status, String exitStatus) {
    }

    static JobRun of(JobExecution e) {
        List<Step> steps = List.of();
        try {
            List<StepExecution> executions = BatchRuntime.getJobOperator().getStepExecutions(e.getExecutionId());
            if (executions != null) {
                steps = executions.stream().map(s -> new Step(s.getStepName(), s.getBatchStatus().name(), s.getExitStatus())).toList();
            }
        } catch (NoSuchJobExecutionException ignored) {
            // not started yet
        }
        return new JobRun(e.getExecutionId(), e.getJobName(), e.getBatchStatus().name(), time(e.getStartTime()),
                time(e.getEndTime()), e.getExitStatus(), steps);
    }

    /** The execution of {@code job} with this id, or null (unknown id, or another job's). */
    static JobExecution execution(String job, long jobId) {
        JobOperator jobs = BatchRuntime.getJobOperator();
        try {
            JobExecution execution = jobs.getJobExecution(jobId);
            return execution != null && job.equals(execution.getJobName()) && execution.getJobParameters() != null
                    ? execution : null;
        } catch (NoSuchJobExecutionException e) {
            return null;
        }
    }

    private static OffsetDateTime time(Date date) {
        return date == null ? null : date.toInstant().atOffset(ZoneOffset.UTC);
    }
}
