package io.clearpost.engine;

import org.operaton.bpm.engine.impl.context.Context;
import org.operaton.bpm.engine.impl.jobexecutor.JobExecutorContext;
import org.operaton.bpm.engine.impl.persistence.entity.JobEntity;

/** The job the engine is executing in this thread, for delegates whose reaction depends on its retries. */
public final class CurrentJob {

    private CurrentJob() {
    }

    /**
     * Whether a failure now leaves no retry: the engine decrements a job's retries on each failure, so at
     * one left this attempt is the last. Outside a job (a test calling the delegate's job directly through
     * the management service counts as a job) there is nothing to retry.
     */
    public static boolean lastAttempt() {
        JobExecutorContext jobContext = Context.getJobExecutorContext();
        JobEntity job = jobContext == null ? null : jobContext.getCurrentJob();
        return job == null || job.getRetries() <= 1;
    }
}
