package io.clearpost.engine;

import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component {@code jobExecutor}, part of readiness: DOWN when the engine's job executor is not
 * active. Without it no timer fires and no publication goes out, even though the API still answers.
 */
@Component
class JobExecutorHealthIndicator implements HealthIndicator {

    private final ProcessEngine engine;

    JobExecutorHealthIndicator(ProcessEngine engine) {
        this.engine = engine;
    }

    @Override
    public Health health() {
        JobExecutor executor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
        if (executor == null) {
            return Health.down().withDetail("active", false).withDetail("reason", "no job executor").build();
        }
        Health.Builder health = executor.isActive() ? Health.up() : Health.down();
        return health.withDetail("active", executor.isActive())
                .withDetail("lockOwner", String.valueOf(executor.getLockOwner()))
                .build();
    }
}
