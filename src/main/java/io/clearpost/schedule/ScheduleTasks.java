package io.clearpost.schedule;

import io.clearpost.task.TaskCompletion;
import io.clearpost.task.TaskRef;
import io.clearpost.support.InvalidInput;
import org.springframework.stereotype.Component;

import java.util.Date;
import java.util.Map;
import java.util.Set;

/** The strategist's scheduling tasks: schedule-post, and extend-window once a window closed unscheduled. */
@Component
class ScheduleTasks implements TaskCompletion {

    private final ScheduleService schedules;

    ScheduleTasks(ScheduleService schedules) {
        this.schedules = schedules;
    }

    @Override
    public Set<String> taskKeys() {
        return Set.of("schedule-post", "extend-window");
    }

    @Override
    public Map<String, Object> complete(TaskRef task, Map<String, Object> values) {
        if (task.key().equals("extend-window")) {
            return extendWindow(task, values);
        }
        PublishTime time = schedules.publishTime(task.contentId(), (String) values.get("publishAt"),
                (String) values.get("timeZone"));
        schedules.schedule(task.contentId(), time, task.user().id());
        return Map.of();
    }

    private Map<String, Object> extendWindow(TaskRef task, Map<String, Object> values) {
        String action = (String) values.get("action");
        return switch (action) {
            case "EXTEND" -> {
                Date publishBefore = Date.from(schedules.extendWindow(task.contentId(),
                        (String) values.get("publishBefore"), task.user().id()));
                yield Map.of("action", action, "publishBefore", publishBefore);
            }
            case "CANCEL" -> Map.of("action", action);
            default -> throw new InvalidInput("action", "must be EXTEND or CANCEL");
        };
    }
}
