package io.clearpost.notify;

import io.clearpost.engine.EveryUserTask;
import io.clearpost.task.TaskContextSource;
import org.operaton.bpm.engine.delegate.DelegateTask;
import org.operaton.bpm.engine.delegate.TaskListener;
import org.operaton.bpm.engine.task.IdentityLink;
import org.operaton.bpm.engine.task.IdentityLinkType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Tells people about a new user task: its assignee (TASK_ASSIGNED), or else every member of its candidate
 * groups (TASK_AVAILABLE). The mail names the brand, the brief, the task, what to do, the due date and the
 * task's API link. The notification is written just before the creating transaction commits, in it: by then
 * every create listener ran, {@code sla-policy}'s due date included, whatever their order.
 */
@Component
class TaskAnnouncements implements EveryUserTask {

    /** What the person has to do, per task key; other keys get {@link #DEFAULT_TO_DO}. */
    static final Map<String, String> TO_DO = Map.ofEntries(
            Map.entry("approve-brief", "Read the brief and approve it, request changes or reject it."),
            Map.entry("revise-brief", "Revise the brief as the brand manager asked; it then goes back for sign-off."),
            Map.entry("assign-creative", "Name the creative who writes this deliverable."),
            Map.entry("create-content", "Write the post for each of the deliverable's platforms and submit it."),
            Map.entry("review-content", "Review the draft: approve it, or send it back with comments."),
            Map.entry("legal-review", "Review the exact revision legally: approve, request changes or reject."),
            Map.entry("compliance-review", "Check the revision against the financial-promotion rules: approve, "
                    + "request changes or reject."),
            Map.entry("client-approval", "Approve the revision on the brand's behalf, or request changes."),
            Map.entry("schedule-post", "Choose when the approved post goes out, inside its publish window."),
            Map.entry("extend-window", "The publish window passed: give a new end of the window, or cancel."),
            Map.entry("resolve-publication", "The platform refused the post: retry, reschedule, record a manual "
                    + "post or cancel."),
            Map.entry("confirm-held-post", "The freeze is lifted: publish the held post now, reschedule or cancel."));
    static final String DEFAULT_TO_DO = "Open the task, read its context and complete its form.";

    // looked up when a task is created: the engine is built with this listener, and both need the engine
    private final ObjectProvider<Notifications> notifications;
    private final ObjectProvider<TaskContextSource> contexts;

    TaskAnnouncements(ObjectProvider<Notifications> notifications, ObjectProvider<TaskContextSource> contexts) {
        this.notifications = notifications;
        this.contexts = contexts;
    }

    @Override
    public String eventName() {
        return TaskListener.EVENTNAME_CREATE;
    }

    @Override
    public void notify(DelegateTask task) {
        // what needs the engine's command context is read now; the due date and assignee just before commit
        String brand = task.getTenantId() != null ? task.getTenantId() : (String) task.getVariable("brand");
        Object briefId = task.getVariable("briefId");
        List<String> groups = task.getCandidates().stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
                .map(IdentityLink::getGroupId).filter(Objects::nonNull).sorted().toList();
        String taskId = task.getId();
        String key = task.getTaskDefinitionKey();
        String name = task.getName() == null ? key : task.getName();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                announce(taskId, key, name, brand, briefId == null ? null : briefId.toString(), task.getAssignee(),
                        groups, task.getDueDate());
            }
        });
    }

    private void announce(String taskId, String key, String name, String brand, String briefId, String assignee,
                          List<String> groups, java.util.Date due) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("taskId", taskId);
        model.put("taskKey", key);
        model.put("taskName", name);
        model.put("briefTitle", briefTitle(briefId));
        model.put("whatToDo", TO_DO.getOrDefault(key, DEFAULT_TO_DO));
        model.put("dueAt", due == null ? null : due.toInstant());
        model.put("apiLink", "/api/tasks/" + taskId);
        if (assignee != null) {
            notifications.getObject().notify(NotificationKind.TASK_ASSIGNED, assignee, brand, "task-created:" + taskId, model);
            return;
        }
        for (String group : groups) {
            String[] brandAndRole = group.split(":", 2);
            if (brandAndRole.length == 2) {
                notifications.getObject().notifyRole(NotificationKind.TASK_AVAILABLE, brandAndRole[0], brandAndRole[1],
                        "task-created:" + taskId, model);
            }
        }
    }

    private String briefTitle(String briefId) {
        if (briefId == null) {
            return null;
        }
        for (TaskContextSource source : contexts.orderedStream().toList()) {
            if (source.contextFor(briefId, null).get("brief") instanceof Map<?, ?> brief
                    && brief.get("title") instanceof String title) {
                return title;
            }
        }
        return null;
    }
}
