package io.clearpost.engine;

import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.TaskAlreadyClaimedException;
import org.operaton.bpm.engine.OptimisticLockingException;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.cmd.AssignTaskCmd;
import org.operaton.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.operaton.bpm.engine.impl.interceptor.CommandContext;
import org.operaton.bpm.engine.impl.persistence.entity.TaskEntity;
import org.springframework.stereotype.Component;

/**
 * Claiming and handing back a task as one engine command: the assignee is read and changed under the
 * task's revision, so of two concurrent claims by the same user only one changes anything (the other fails
 * optimistic locking, or sees the task already theirs) and exactly one "claimed" is reported. The engine's
 * own claim cannot tell "I claimed it" from "it was already mine".
 */
@Component
public class TaskAssignment {

    private final ProcessEngine engine;

    TaskAssignment(ProcessEngine engine) {
        this.engine = engine;
    }

    /**
     * Claims an unassigned task; false when it already is the user's.
     * @throws TaskAlreadyClaimedException when someone else holds it
     */
    public boolean claimIfFree(String taskId, String userId) {
        return execute(context -> {
            TaskEntity task = task(context, taskId);
            if (userId.equals(task.getAssignee())) {
                return false;
            }
            if (task.getAssignee() != null) {
                throw new TaskAlreadyClaimedException(taskId, task.getAssignee());
            }
            new ClaimTaskCmd(taskId, userId).execute(context);
            return true;
        });
    }

    /**
     * Hands back a task the user holds; false when nobody holds it any more.
     * @throws TaskAlreadyClaimedException when someone else holds it
     */
    public boolean unclaimIfHeld(String taskId, String userId) {
        return execute(context -> {
            TaskEntity task = task(context, taskId);
            if (task.getAssignee() == null) {
                return false;
            }
            if (!userId.equals(task.getAssignee())) {
                throw new TaskAlreadyClaimedException(taskId, task.getAssignee());
            }
            new AssignTaskCmd(taskId, null).execute(context);
            return true;
        });
    }

    private boolean execute(org.operaton.bpm.engine.impl.interceptor.Command<Boolean> command) {
        return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
                .execute(command);
    }

    private static TaskEntity task(CommandContext context, String taskId) {
        TaskEntity task = context.getTaskManager().findTaskById(taskId);
        if (task == null) {
            // completed or deleted since the caller looked at it: a race lost like any other
            throw new OptimisticLockingException("task " + taskId + " was completed concurrently");
        }
        return task;
    }
}
