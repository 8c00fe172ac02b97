package dev.paperclipee.batch.cost;

import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.logging.Logger;

/** Gives the job's writers a tally and turns it into the execution's exit status. */
@Named
@Dependent
public class CostRollupListener extends AbstractJobListener {

    private static final Logger LOG = Logger.getLogger(CostRollupListener.class.getName());

    @Inject
    JobContext job;

    @Override
    public void beforeJob() {
        job.setTransientUserData(new CostRollupTally());
    }

    @Override
    public void afterJob() {
        String summary = String.valueOf(tally(job));
        job.setExitStatus(summary);
        LOG.info(() -> "cost-rollup execution " + job.getExecutionId() + ": " + summary);
    }

    /** The execution's tally; a fresh one if the listener did not run (it always does in this job). */
    static CostRollupTally tally(JobContext job) {
        if (job.getTransientUserData() instanceof CostRollupTally tally) {
            return tally;
        }
        CostRollupTally tally = new CostRollupTally();
        job.setTransientUserData(tally);
        return tally;
    }
}
