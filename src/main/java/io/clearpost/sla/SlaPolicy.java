package io.clearpost.sla;

import org.operaton.bpm.dmn.engine.DmnDecisionResultEntries;
import org.operaton.bpm.engine.delegate.DelegateTask;
import org.operaton.bpm.engine.delegate.TaskListener;
import org.operaton.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.operaton.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.operaton.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.pvm.process.ActivityImpl;
import org.operaton.bpm.engine.impl.pvm.process.ScopeImpl;
import org.operaton.bpm.engine.impl.util.ClockUtil;
import org.operaton.bpm.engine.impl.util.xml.Element;
import org.operaton.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;

/**
 * Gives every user task, when it is created, the due date and at-risk point that sla-policy.dmn
 * sets for its task key. The due date is the task's due date; the at-risk point its follow-up date.
 */
@Component
public class SlaPolicy extends AbstractProcessEnginePlugin implements TaskListener {

    public static final String DECISION = "sla-policy";

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPreBPMNParseListeners() == null) {
            configuration.setCustomPreBPMNParseListeners(new ArrayList<>());
        }
        configuration.getCustomPreBPMNParseListeners().add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
                ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
                        .addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, SlaPolicy.this);
            }
        });
    }

    @Override
    public void notify(DelegateTask task) {
        DmnDecisionResultEntries sla = task.getProcessEngineServices().getDecisionService()
                .evaluateDecisionByKey(DECISION)
                .variables(Variables.putValue("taskKey", task.getTaskDefinitionKey()))
                .evaluate()
                .getSingleResult();
        Instant created = ClockUtil.getCurrentTime().toInstant();
        task.setDueDate(Date.from(created.plus(Duration.parse(sla.getEntry("dueIn")))));
        task.setFollowUpDate(Date.from(created.plus(Duration.parse(sla.getEntry("atRiskAfter")))));
    }
}
