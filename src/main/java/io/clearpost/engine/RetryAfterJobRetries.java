package io.clearpost.engine;

import org.operaton.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.cmd.DefaultJobRetryCmd;
import org.operaton.bpm.engine.impl.interceptor.CommandContext;
import org.operaton.bpm.engine.impl.persistence.entity.JobEntity;
import org.operaton.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Date;

/**
 * Job retries timed by the failure ({@link RetryTiming}). When a platform answers "busy, come back in N seconds" ({@code Retry-After} on a 429 or 503), the
 * next attempt of the publishing job is due then, not on the configured retry cycle: the engine's
 * retry command does its usual work (decrement retries, or raise an incident when none are left),
 * and the due date is set from the platform's answer. When the platform is still processing what it
 * accepted (a {@link RetryTiming} that does not use up a retry), the attempt failed at nothing: the retry is not
 * used up (the job keeps its retries, so no incident either), and the job is due when the platform
 * asked to be asked again. The publishing delegate bounds how long that goes on.
 */
@Component
class RetryAfterJobRetries extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setFailedJobCommandFactory((jobId, exception) -> new RetryAfterCmd(jobId, exception));
    }

    static final class RetryAfterCmd extends DefaultJobRetryCmd {

        RetryAfterCmd(String jobId, Throwable exception) {
            super(jobId, exception);
        }

        @Override
        public Object execute(CommandContext commandContext) {
            Object result = super.execute(commandContext);
            Duration retryAfter = retryAfter(exception);
            JobEntity job = getJob();
            if (retryAfter != null && job != null && job.getRetries() > 0) {
                job.setDuedate(new Date(ClockUtil.getCurrentTime().getTime() + retryAfter.toMillis()));
            }
            return result;
        }

        @Override
        protected boolean shouldDecrementRetriesFor(Throwable t) {
            RetryTiming timing = timing(t);
            return super.shouldDecrementRetriesFor(t) && (timing == null || timing.usesUpRetry());
        }

        private static Duration retryAfter(Throwable exception) {
            RetryTiming timing = timing(exception);
            return timing == null ? null : timing.retryAfter();
        }

        /** The first {@link RetryTiming} in the cause chain: the engine may wrap what the delegate threw. */
        private static RetryTiming timing(Throwable exception) {
            for (Throwable t = exception; t != null; t = t.getCause()) {
                if (t instanceof RetryTiming timing) {
                    return timing;
                }
            }
            return null;
        }
    }
}
