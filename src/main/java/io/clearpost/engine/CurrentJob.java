package io.clearpost.engine;

import org.operaton.bpm.engine.impl.context.Context;
import org.operaton.bpm.engine.impl.interceptor.CommandContext;
import org.operaton.bpm.engine.impl.persistence.entity.JobEntity;

/** The job the engine is executing in this thread, for delegates whose reaction depends on its retries. */
public final class CurrentJob {

    private CurrentJob() {
    }

    /**
     * Whether a failure now leaves no retry: the engine decrements a job's retries on each failure, so at
     * one left this attempt is the last. The job is the command's current job (a query would not see it
     * reliably), whether the job executor runs it or {@code ManagementService.executeJob} does (an operator, a
     * process test). Outside a job there is nothing to retry.
     */
    public static boolean lastAttempt() {
        CommandContext command = Context.getCommandContext();
        JobEntity job = command == null ? null : command.getCurrentJob();
        return job == null || job.getRetries() <= 1;
    }
}
