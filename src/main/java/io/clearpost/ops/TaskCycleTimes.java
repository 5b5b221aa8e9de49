package io.clearpost.ops;

import io.clearpost.support.AfterCommit;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.operaton.bpm.engine.delegate.DelegateTask;
import org.operaton.bpm.engine.delegate.TaskListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import io.clearpost.engine.EngineClock;
import io.clearpost.engine.EveryUserTask;

import java.time.Duration;

/**
 * {@code clearpost.task.cycle.time} by task key: from a user task's creation to its completion, recorded
 * when the completing transaction commits. Every user task of every model gets the listener at parse time.
 */
@Component
class TaskCycleTimes implements EveryUserTask {

    static final String CYCLE_TIME = "clearpost.task.cycle.time";

    // the registry is looked up at the first completion: the engine (and this plugin) exists before it
    private final ObjectProvider<MeterRegistry> registry;

    TaskCycleTimes(ObjectProvider<MeterRegistry> registry) {
        this.registry = registry;
    }

    @Override
    public String eventName() {
        return TaskListener.EVENTNAME_COMPLETE;
    }

    @Override
    public void notify(DelegateTask task) {
        if (task.getCreateTime() == null) {
            return;
        }
        String key = task.getTaskDefinitionKey();
        Duration cycle = Duration.ofMillis(Math.max(0,
                EngineClock.now().toEpochMilli() - task.getCreateTime().getTime()));
        // the engine runs in Spring's transaction: a completion rolled back is no cycle
        AfterCommit.run(() -> record(key, cycle));
    }

    private void record(String key, Duration cycle) {
        MeterRegistry meters = registry.getIfAvailable();
        if (meters != null) {
            Timer.builder(CYCLE_TIME)
                    .description("User task cycle time, creation to completion")
                    .tag("key", key)
                    .register(meters)
                    .record(cycle);
        }
    }
}
