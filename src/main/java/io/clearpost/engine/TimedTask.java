package io.clearpost.engine;

import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.runtime.ActivityInstance;
import org.operaton.bpm.engine.task.Task;
import org.operaton.bpm.model.bpmn.instance.BoundaryEvent;
import org.operaton.bpm.model.bpmn.instance.FlowNode;
import org.operaton.bpm.model.bpmn.instance.SequenceFlow;

import java.util.Optional;

/**
 * The user task whose boundary timer led to the element now executing (the SLA timers' end events):
 * the task the timer is attached to, in the same scope instance as the path the timer started, so a
 * task inside a multi-instance subprocess (one per deliverable, one per platform) is told from its siblings.
 */
public final class TimedTask {

    private TimedTask() {
    }

    /** The open user task, or empty when it was completed in the meantime. */
    public static Optional<Task> of(DelegateExecution execution) {
        String taskKey = attachedTo(execution);
        var services = execution.getProcessEngineServices();
        ActivityInstance tree = services.getRuntimeService().getActivityInstance(execution.getProcessInstanceId());
        ActivityInstance scope = find(tree, execution.getParentActivityInstanceId());
        if (scope == null) {
            return Optional.empty();
        }
        for (ActivityInstance child : scope.getChildActivityInstances()) {
            if (taskKey.equals(child.getActivityId())) {
                for (String executionId : child.getExecutionIds()) {
                    Task task = services.getTaskService().createTaskQuery().executionId(executionId)
                            .taskDefinitionKey(taskKey).singleResult();
                    if (task != null) {
                        return Optional.of(task);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The key of the user task the boundary event before this element is attached to. */
    public static String attachedTo(DelegateExecution execution) {
        FlowNode here = (FlowNode) execution.getBpmnModelElementInstance();
        // the models leave out <incoming>: find the flows into this element by their target
        for (SequenceFlow incoming : here.getModelInstance().getModelElementsByType(SequenceFlow.class)) {
            if (incoming.getTarget() == here && incoming.getSource() instanceof BoundaryEvent boundary) {
                return boundary.getAttachedTo().getId();
            }
        }
        throw new IllegalStateException(here.getId() + " does not follow a boundary event");
    }

    private static ActivityInstance find(ActivityInstance instance, String id) {
        if (instance.getId().equals(id)) {
            return instance;
        }
        for (ActivityInstance child : instance.getChildActivityInstances()) {
            ActivityInstance found = find(child, id);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
