package io.clearpost.task;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The escalations of late tasks (sla-policy.dmn): kept beside the engine's task, so the task detail
 * lists them while the task is open and the SLA report counts them after it is completed.
 */
@Repository
public class TaskEscalations {

    /** One escalation: when, and to which roles of the brand. */
    public record Escalation(Instant at, List<String> to) {
    }

    /** Per task key: how many escalations, of how many distinct tasks. */
    public record Count(long escalations, long tasks) {
    }

    private final JdbcClient jdbc;

    TaskEscalations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String taskId, String brand, String taskKey, Instant taskCreatedAt, Instant at, List<String> to) {
        int position = jdbc.sql("SELECT COALESCE(MAX(position), 0) + 1 FROM task_escalation WHERE task_id = ?")
                .param(taskId).query(Integer.class).single();
        jdbc.sql("""
                        INSERT INTO task_escalation (task_id, position, brand, task_key, task_created_at, escalated_at, escalated_to)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(taskId, position, brand, taskKey, Timestamp.from(taskCreatedAt), Timestamp.from(at), String.join(",", to))
                .update();
    }

    public List<Escalation> of(String taskId) {
        return jdbc.sql("SELECT escalated_at, escalated_to FROM task_escalation WHERE task_id = ? ORDER BY position")
                .param(taskId)
                .query((rs, row) -> new Escalation(rs.getTimestamp(1).toInstant(),
                        Arrays.asList(rs.getString(2).split(","))))
                .list();
    }

    /** Escalations of the brand's tasks created in [from, to), per task key. */
    public Map<String, Count> countByKey(String brand, Instant from, Instant to) {
        Map<String, Count> counts = new TreeMap<>();
        jdbc.sql("""
                        SELECT task_key, COUNT(*), COUNT(DISTINCT task_id) FROM task_escalation
                        WHERE brand = ? AND task_created_at >= ? AND task_created_at < ? GROUP BY task_key""")
                .params(brand, Timestamp.from(from), Timestamp.from(to))
                .query(rs -> {
                    counts.put(rs.getString(1), new Count(rs.getLong(2), rs.getLong(3)));
                });
        return counts;
    }
}
