package io.clearpost.schedule;

import io.clearpost.task.TaskCompletion;
import io.clearpost.task.TaskRef;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Set;

/** schedule-post: the strategist sets the publish time of approved content. */
@Component
class ScheduleTasks implements TaskCompletion {

    private final ScheduleService schedules;

    ScheduleTasks(ScheduleService schedules) {
        this.schedules = schedules;
    }

    @Override
    public Set<String> taskKeys() {
        return Set.of("schedule-post");
    }

    @Override
    public Map<String, Object> complete(TaskRef task, Map<String, Object> values) {
        PublishTime time = schedules.publishTime(task.contentId(), (String) values.get("publishAt"),
                (String) values.get("timeZone"));
        schedules.schedule(task.contentId(), time, task.user().id());
        return Map.of();
    }
}
