package io.clearpost.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.operaton.bpm.engine.delegate.DelegateTask;
import org.operaton.bpm.engine.delegate.TaskListener;
import org.operaton.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.operaton.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.operaton.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.cfg.TransactionState;
import org.operaton.bpm.engine.impl.context.Context;
import org.operaton.bpm.engine.impl.pvm.process.ActivityImpl;
import org.operaton.bpm.engine.impl.pvm.process.ScopeImpl;
import org.operaton.bpm.engine.impl.util.ClockUtil;
import org.operaton.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;

/**
 * {@code clearpost.task.cycle.time} by task key: from a user task's creation to its completion, recorded
 * when the completing transaction commits. Every user task of every model gets the listener at parse time.
 */
@Component
class TaskCycleTimes extends AbstractProcessEnginePlugin implements TaskListener {

    static final String CYCLE_TIME = "clearpost.task.cycle.time";

    // the registry is looked up at the first completion: the engine (and this plugin) exists before it
    private final ObjectProvider<MeterRegistry> registry;

    TaskCycleTimes(ObjectProvider<MeterRegistry> registry) {
        this.registry = registry;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPostBPMNParseListeners() == null) {
            configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
        }
        configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
                ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
                        .addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, TaskCycleTimes.this);
            }
        });
    }

    @Override
    public void notify(DelegateTask task) {
        if (task.getCreateTime() == null) {
            return;
        }
        String key = task.getTaskDefinitionKey();
        Duration cycle = Duration.ofMillis(Math.max(0,
                ClockUtil.getCurrentTime().getTime() - task.getCreateTime().getTime()));
        Context.getCommandContext().getTransactionContext()
                .addTransactionListener(TransactionState.COMMITTED, committed -> record(key, cycle));
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
