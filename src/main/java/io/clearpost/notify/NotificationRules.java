package io.clearpost.notify;

import io.clearpost.content.ContentItem;
import io.clearpost.content.ContentService;
import io.clearpost.content.ContentStatus;
import io.clearpost.content.ContentView;
import io.clearpost.content.PostsOfContent;
import io.clearpost.engine.EngineClock;
import io.clearpost.events.DomainEvent;
import io.clearpost.tenancy.Role;
import org.operaton.bpm.engine.TaskService;
import org.operaton.bpm.engine.task.IdentityLink;
import org.operaton.bpm.engine.task.IdentityLinkType;
import org.operaton.bpm.engine.task.Task;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Who hears of what, beside new tasks ({@link TaskAnnouncements}): a task at risk (its assignee, or its candidate
 * groups while unclaimed), a late task (the roles sla-policy.dmn names, at each escalation, and whoever has the task
 * again: an overdue reminder), approved content
 * (its creative and the brand's strategists), a published deliverable with the URL of each platform's post (the
 * same people), a post held by a freeze (the brand's strategists). Each is written in the transaction of the event
 * that caused it. A platform account that needs attention (its brand's strategists, once a day).
 */
@Component
class NotificationRules {

    private final Notifications notifications;
    private final TaskAnnouncements tasks;
    private final TaskService engineTasks;
    private final ContentService content;
    private final PostsOfContent posts;

    NotificationRules(Notifications notifications, TaskAnnouncements tasks, TaskService engineTasks,
                      ContentService content, PostsOfContent posts) {
        this.notifications = notifications;
        this.tasks = tasks;
        this.engineTasks = engineTasks;
        this.content = content;
        this.posts = posts;
    }

    @EventListener
    void on(DomainEvent.TaskReminded event) {
        Task task = engineTasks.createTaskQuery().taskId(event.taskId()).singleResult();
        if (task != null) {
            remind(task, event.brand(), event.briefId(), false, "reminder:" + task.getId());
        }
    }

    /** The at-risk reminder, or (overdue) the repeated one that goes with each escalation: the assignee, else the groups. */
    private void remind(Task task, String brand, String briefId, boolean overdue, String dedupe) {
        Map<String, Object> model = taskModel(task, briefId);
        model.put("assignee", task.getAssignee());
        model.put("overdue", overdue);
        if (task.getAssignee() != null) {
            notifications.notify(NotificationKind.TASK_REMINDER, task.getAssignee(), brand, dedupe, model);
            return;
        }
        for (String group : candidateGroups(task)) {
            String[] brandAndRole = group.split(":", 2);
            if (brandAndRole.length == 2) {
                notifications.notifyRole(NotificationKind.TASK_REMINDER, brandAndRole[0], brandAndRole[1], dedupe, model);
            }
        }
    }

    @EventListener
    void on(DomainEvent.TaskEscalated event) {
        Task task = engineTasks.createTaskQuery().taskId(event.taskId()).singleResult();
        if (task == null) {
            return;
        }
        Map<String, Object> model = taskModel(task, event.briefId());
        model.put("holder", task.getAssignee() != null ? task.getAssignee()
                : "its candidate groups (" + String.join(", ", candidateGroups(task)) + "), unclaimed");
        // each escalation (the due time, then every reminder interval) is a mail of its own
        String dedupe = "escalation:" + task.getId() + ":" + EngineClock.now().toEpochMilli();
        for (String role : event.escalatedTo()) {
            notifications.notifyRole(NotificationKind.TASK_ESCALATED, event.brand(), role, dedupe, model);
        }
        // and whoever has the task is reminded again, at the due time and at every reminder interval after it
        remind(task, event.brand(), event.briefId(), true, "overdue:" + task.getId() + ":" + EngineClock.now().toEpochMilli());
    }

    @EventListener
    void on(DomainEvent.StatusChanged event) {
        if (ContentStatus.APPROVED.name().equals(event.to())) {
            ContentItem item = content.find(event.contentId());
            tellCreativeAndStrategists(NotificationKind.CONTENT_APPROVED, item, "approved:" + item.id(), Map.of(
                    "subject", "Content approved: " + title(item),
                    "message", "Every required reviewer approved the content of \"" + title(item) + "\" ("
                            + String.join(", ", item.platforms()) + "); it goes on to scheduling.",
                    "apiLink", "/api/content/" + item.id()));
        } else if (ContentStatus.PUBLISHED.name().equals(event.to())) {
            ContentItem item = content.find(event.contentId());
            List<ContentView.Post> published = posts.of(item.id()).stream()
                    .filter(post -> post.url() != null && !post.url().isBlank()).toList();
            String urls = published.stream().map(post -> post.platform() + ": " + post.url())
                    .collect(Collectors.joining("\n"));
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("subject", "Published: " + title(item));
            model.put("message", "The content of \"" + title(item) + "\" is published:\n" + urls);
            model.put("urls", published.stream().collect(Collectors.toMap(ContentView.Post::platform,
                    ContentView.Post::url, (a, b) -> a, LinkedHashMap::new)));
            model.put("apiLink", "/api/content/" + item.id());
            tellCreativeAndStrategists(NotificationKind.POST_PUBLISHED, item, "published:" + item.id(), model);
        }
    }

    @EventListener
    void on(DomainEvent.PostHeld event) {
        ContentItem item = content.find(event.contentId());
        notifications.notifyRole(NotificationKind.POSTS_HELD, event.brand(), Role.STRATEGIST.key(),
                "held:" + item.id() + ":" + event.platform() + ":" + EngineClock.now().toEpochMilli(), Map.of(
                        "subject", "Held by the freeze: " + title(item) + " on " + event.platform(),
                        "message", "The " + event.platform() + " post of \"" + title(item) + "\" came due while "
                                + event.brand() + " is frozen: it is held, nothing was published. When the freeze"
                                + " is lifted, confirm-held-post asks you to publish it, reschedule it or cancel it.",
                        "apiLink", "/api/content/" + item.id()));
    }

    /** One mail per account and UTC day at most, to the brand's strategists (the generic template). */
    @EventListener
    void on(DomainEvent.AccountNeedsAttention event) {
        String day = EngineClock.now().atZone(java.time.ZoneOffset.UTC).toLocalDate().toString();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("subject", "The " + event.platform() + " account of " + event.brand() + " needs attention");
        model.put("message", event.reason() + (event.expiresAt() == null ? ""
                : "\nThe account works until " + event.expiresAt() + ".")
                + "\nSee its health in the accounts API; reconnecting it (PUT with new tokens) clears this.");
        model.put("apiLink", "/api/brands/" + event.brand() + "/accounts");
        notifications.notifyRole(NotificationKind.ACCOUNT_NEEDS_ATTENTION, event.brand(), Role.STRATEGIST.key(),
                "account:" + event.brand() + ":" + event.platform() + ":" + day, model);
    }

    private void tellCreativeAndStrategists(NotificationKind kind, ContentItem item, String dedupe,
                                            Map<String, Object> model) {
        if (item.creative() != null) {
            notifications.notify(kind, item.creative(), item.brand(), dedupe, model);
        }
        notifications.notifyRole(kind, item.brand(), Role.STRATEGIST.key(), dedupe, model);
    }

    private Map<String, Object> taskModel(Task task, String briefId) {
        return tasks.taskModel(task.getId(), task.getTaskDefinitionKey(),
                task.getName() == null ? task.getTaskDefinitionKey() : task.getName(), briefId, task.getDueDate());
    }

    private List<String> candidateGroups(Task task) {
        return engineTasks.getIdentityLinksForTask(task.getId()).stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
                .map(IdentityLink::getGroupId).filter(java.util.Objects::nonNull).sorted().toList();
    }

    private String title(ContentItem item) {
        String title = tasks.briefTitle(item.briefId());
        return title == null ? item.id() : title;
    }
}
