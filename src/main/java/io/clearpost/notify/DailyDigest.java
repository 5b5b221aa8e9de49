package io.clearpost.notify;

import io.clearpost.engine.EngineClock;
import io.clearpost.task.SlaState;
import io.clearpost.task.TaskContextSource;
import io.clearpost.tenancy.CurrentUser;
import io.clearpost.tenancy.UserProfile;
import io.clearpost.tenancy.Users;
import org.operaton.bpm.engine.TaskService;
import org.operaton.bpm.engine.task.Task;
import org.operaton.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One mail a day per user, at {@code clearpost.mail.digest.time} (08:00) in the user's time zone: their open
 * tasks (assigned to them or claimable by their groups), at-risk and late ones called out, and the notifications
 * their preferences kept for the digest since the last one. Checked every {@code clearpost.mail.digest.check-interval}
 * against the engine's clock; the first check at or after 08:00 local time sends that day's digest (so a node that
 * was down at 08:00 sends it when it is back, the same day). The local date of the last digest is kept per user,
 * and claimed before the digest is written, so a second check or a second node sends none. No mail when there is
 * nothing to say.
 */
@Component
class DailyDigest {

    private static final Logger log = LoggerFactory.getLogger(DailyDigest.class);

    private final Users users;
    private final TaskService tasks;
    private final Outbox outbox;
    private final Notifications notifications;
    private final ObjectProvider<TaskContextSource> contexts;
    private final MailSettings settings;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    DailyDigest(Users users, TaskService tasks, Outbox outbox, Notifications notifications,
                ObjectProvider<TaskContextSource> contexts, MailSettings settings, JdbcClient jdbc,
                PlatformTransactionManager transactionManager) {
        this.users = users;
        this.tasks = tasks;
        this.outbox = outbox;
        this.notifications = notifications;
        this.contexts = contexts;
        this.settings = settings;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    @Scheduled(fixedDelayString = "${clearpost.mail.digest.check-interval:PT5M}",
            initialDelayString = "${clearpost.mail.digest.check-interval:PT5M}")
    void scheduledCheck() {
        run();
    }

    /** Writes the digest of every user whose local digest time has come today and who has none yet; returns how many. */
    int run() {
        Instant now = EngineClock.now();
        int written = 0;
        for (String userId : users.all()) {
            UserProfile user = users.profile(userId).orElse(null);
            if (user == null || user.email() == null) {
                continue;
            }
            ZonedDateTime local = now.atZone(user.timeZone());
            if (local.toLocalTime().isBefore(settings.digest().time())) {
                continue;
            }
            LocalDate today = local.toLocalDate();
            try {
                Boolean sent = transactions.execute(status -> claimDay(userId, today) && digest(user, today, now));
                if (Boolean.TRUE.equals(sent)) {
                    written++;
                }
            } catch (RuntimeException e) {
                // the day stays unclaimed (rolled back): the next check tries again
                log.warn("Digest of {} for {} not written, tried again at the next check: {}", userId, today, e.toString());
            }
        }
        return written;
    }

    /** Takes the user's day: false when their digest of that day (or a later one) exists already. */
    private boolean claimDay(String userId, LocalDate day) {
        int moved = jdbc.sql("UPDATE notification_digest SET last_digest_date = ? WHERE user_id = ? AND last_digest_date < ?")
                .params(java.sql.Date.valueOf(day), userId, java.sql.Date.valueOf(day)).update();
        if (moved == 1) {
            return true;
        }
        long known = jdbc.sql("SELECT COUNT(*) FROM notification_digest WHERE user_id = ?").param(userId)
                .query(Long.class).single();
        if (known > 0) {
            return false;
        }
        try {
            jdbc.sql("INSERT INTO notification_digest (user_id, last_digest_date) VALUES (?, ?)")
                    .params(userId, java.sql.Date.valueOf(day)).update();
            return true;
        } catch (DuplicateKeyException e) {
            return false; // another node took it
        }
    }

    private boolean digest(UserProfile user, LocalDate day, Instant now) {
        List<Map<String, Object>> open = openTasks(user.id(), now);
        List<Outbox.Collected> collected = outbox.collected(user.id());
        if (open.isEmpty() && collected.isEmpty()) {
            return false;
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("date", day.toString());
        model.put("digestTime", settings.digest().time().toString());
        model.put("tasks", open);
        model.put("late", open.stream().filter(t -> !SlaState.ON_TRACK.name().equals(t.get("sla"))).count());
        List<Map<String, Object>> lines = new ArrayList<>();
        for (Outbox.Collected c : collected) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("kind", c.kind().name());
            line.put("subject", c.subject());
            line.put("at", c.createdAt());
            lines.add(line);
        }
        model.put("collected", lines);
        model.put("apiLink", "/api/tasks");
        notifications.notify(NotificationKind.DIGEST, user.id(), null, "digest:" + day, model);
        outbox.digested(collected.stream().map(Outbox.Collected::id).toList(), now);
        return true;
    }

    /** The user's tasks: assigned to them, or unassigned in one of their candidate groups; soonest due first. */
    private List<Map<String, Object>> openTasks(String userId, Instant now) {
        CurrentUser member = users.load(userId);
        TaskQuery query = tasks.createTaskQuery();
        TaskQuery either = query.or().taskAssignee(userId);
        if (!member.groups().isEmpty()) {
            either.taskCandidateGroupIn(member.groups());
        }
        either.endOr();
        Date at = Date.from(now);
        List<Map<String, Object>> open = new ArrayList<>();
        for (Task task : query.orderByDueDate().asc().orderByTaskCreateTime().asc().list()) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("taskKey", task.getTaskDefinitionKey());
            line.put("taskName", task.getName() == null ? task.getTaskDefinitionKey() : task.getName());
            line.put("brand", task.getTenantId());
            line.put("briefTitle", briefTitle(task));
            line.put("dueAt", task.getDueDate() == null ? null : task.getDueDate().toInstant());
            line.put("sla", SlaState.of(at, task.getFollowUpDate(), task.getDueDate()).name());
            line.put("assigned", userId.equals(task.getAssignee()));
            line.put("apiLink", "/api/tasks/" + task.getId());
            open.add(line);
        }
        open.sort(Comparator.comparing(t -> SlaState.valueOf((String) t.get("sla")).ordinal() * -1));
        return open;
    }

    private String briefTitle(Task task) {
        Object briefId = tasks.getVariable(task.getId(), "briefId");
        if (briefId == null) {
            return null;
        }
        for (TaskContextSource source : contexts.orderedStream().toList()) {
            if (source.contextFor(briefId.toString(), null).get("brief") instanceof Map<?, ?> brief
                    && brief.get("title") instanceof String title) {
                return title;
            }
        }
        return null;
    }
}
