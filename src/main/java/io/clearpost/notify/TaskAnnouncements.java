package io.clearpost.notify;

import io.clearpost.content.ContentItem;
import io.clearpost.content.ContentService;
import io.clearpost.content.Decision;
import io.clearpost.content.PostsOfContent;
import io.clearpost.content.Verdict;
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
 * groups (TASK_AVAILABLE). Where the task answers something that happened, that is the mail's kind instead:
 * a draft sent back (create-content again: CONTENT_SENT_BACK, with the check's findings or the reviewer's
 * comment), a failed publication (resolve-publication: PUBLICATION_NEEDS_RESOLUTION, with the platforms'
 * errors), a closed window (extend-window: WINDOW_EXPIRED). The mail names the brand, the brief, the task, what to do, the due date and the
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
    private final ObjectProvider<ContentService> content;
    private final ObjectProvider<PostsOfContent> posts;

    TaskAnnouncements(ObjectProvider<Notifications> notifications, ObjectProvider<TaskContextSource> contexts,
                      ObjectProvider<ContentService> content, ObjectProvider<PostsOfContent> posts) {
        this.notifications = notifications;
        this.contexts = contexts;
        this.content = content;
        this.posts = posts;
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
        Object contentId = task.getVariable("contentId");
        List<String> groups = task.getCandidates().stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
                .map(IdentityLink::getGroupId).filter(Objects::nonNull).sorted().toList();
        String taskId = task.getId();
        String key = task.getTaskDefinitionKey();
        String name = task.getName() == null ? key : task.getName();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                announce(taskId, key, name, brand, briefId == null ? null : briefId.toString(),
                        contentId == null ? null : contentId.toString(), task.getAssignee(), groups, task.getDueDate());
            }
        });
    }

    private void announce(String taskId, String key, String name, String brand, String briefId, String contentId,
                          String assignee, List<String> groups, java.util.Date due) {
        Map<String, Object> model = taskModel(taskId, key, name, briefId, due);
        NotificationKind kind = assignee != null ? NotificationKind.TASK_ASSIGNED : NotificationKind.TASK_AVAILABLE;
        // one mail per new task: where the task answers something that happened, the mail says what happened
        switch (key) {
            case "resolve-publication" -> {
                kind = NotificationKind.PUBLICATION_NEEDS_RESOLUTION;
                model.put("details", failures(contentId));
            }
            case "extend-window" -> kind = NotificationKind.WINDOW_EXPIRED;
            case "create-content" -> {
                String sentBack = sentBack(contentId);
                if (sentBack != null) {
                    kind = NotificationKind.CONTENT_SENT_BACK;
                    model.put("details", sentBack);
                }
            }
            default -> { }
        }
        if (assignee != null) {
            notifications.getObject().notify(kind, assignee, brand, "task-created:" + taskId, model);
            return;
        }
        for (String group : groups) {
            String[] brandAndRole = group.split(":", 2);
            if (brandAndRole.length == 2) {
                notifications.getObject().notifyRole(kind, brandAndRole[0], brandAndRole[1], "task-created:" + taskId,
                        model);
            }
        }
    }

    /** What every mail about a task shows: the brief, the task, what to do, by when, and its API link. */
    Map<String, Object> taskModel(String taskId, String key, String name, String briefId, java.util.Date due) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("taskId", taskId);
        model.put("taskKey", key);
        model.put("taskName", name);
        model.put("briefTitle", briefTitle(briefId));
        model.put("whatToDo", TO_DO.getOrDefault(key, DEFAULT_TO_DO));
        model.put("dueAt", due == null ? null : due.toInstant());
        model.put("apiLink", "/api/tasks/" + taskId);
        return model;
    }

    /** Why a new create-content task exists although the content has a draft: the check's findings or a reviewer's comment. */
    private String sentBack(String contentId) {
        if (contentId == null) {
            return null;
        }
        ContentItem content = this.content.getObject().find(contentId);
        if (content.currentRevision().isEmpty()) {
            return null;
        }
        if (!content.violations().isEmpty()) {
            return "the automatic check found: " + String.join("; ", content.violations());
        }
        List<Decision> decisions = content.decisions();
        for (int i = decisions.size() - 1; i >= 0; i--) {
            Decision decision = decisions.get(i);
            if (decision.decision() == Verdict.REQUEST_CHANGES) {
                return decision.reviewer() + " (" + decision.reviewKey() + ") requested changes"
                        + (decision.comment() == null || decision.comment().isBlank() ? "." : ": " + decision.comment());
            }
        }
        return "a reviewer requested changes.";
    }

    /** The platforms whose post failed, with the error each platform gave. */
    private String failures(String contentId) {
        if (contentId == null) {
            return null;
        }
        String failed = posts.getObject().of(contentId).stream()
                .filter(post -> "FAILED".equals(post.status()))
                .map(post -> post.platform() + ": " + post.lastError())
                .collect(java.util.stream.Collectors.joining("; "));
        return failed.isEmpty() ? "the platform refused it." : failed;
    }

    String briefTitle(String briefId) {
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
