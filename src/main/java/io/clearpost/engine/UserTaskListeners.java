package io.clearpost.engine;

import org.operaton.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.operaton.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.operaton.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.pvm.process.ActivityImpl;
import org.operaton.bpm.engine.impl.pvm.process.ScopeImpl;
import org.operaton.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/** Attaches every {@link EveryUserTask} bean to every user task when a model is parsed. */
@Component
class UserTaskListeners extends AbstractProcessEnginePlugin {

    private final List<EveryUserTask> listeners;

    UserTaskListeners(List<EveryUserTask> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPreBPMNParseListeners() == null) {
            configuration.setCustomPreBPMNParseListeners(new ArrayList<>());
        }
        configuration.getCustomPreBPMNParseListeners().add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
                var task = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
                listeners.forEach(listener -> task.addBuiltInTaskListener(listener.eventName(), listener));
            }
        });
    }
}
