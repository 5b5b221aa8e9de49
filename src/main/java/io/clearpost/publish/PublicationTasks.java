package io.clearpost.publish;

import io.clearpost.support.InvalidInput;
import io.clearpost.schedule.PublishTime;
import io.clearpost.schedule.ScheduleService;
import io.clearpost.task.TaskCompletion;
import io.clearpost.task.TaskRef;
import org.springframework.stereotype.Component;

import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * confirm-held-post (after a freeze) and resolve-publication (after a failure): publish now,
 * retry, reschedule, cancel, or record a post made by hand. publication.bpmn routes on {@code action}.
 */
@Component
class PublicationTasks implements TaskCompletion {

    private final Publications publications;
    private final ScheduleService schedules;

    PublicationTasks(Publications publications, ScheduleService schedules) {
        this.publications = publications;
        this.schedules = schedules;
    }

    @Override
    public Set<String> taskKeys() {
        return Set.of("confirm-held-post", "resolve-publication");
    }

    @Override
    public Map<String, Object> complete(TaskRef task, Map<String, Object> values) {
        String action = (String) values.get("action");
        String actor = task.user().id();
        Map<String, Object> variables = new HashMap<>();
        variables.put("action", action);
        switch (action) {
            case "RETRY" -> {
                if (!task.key().equals("resolve-publication")) {
                    throw new InvalidInput("action", "must be one of PUBLISH_NOW, RESCHEDULE, CANCEL");
                }
                publications.release(task.contentId(), task.platform(), actor);
            }
            case "PUBLISH_NOW" -> {
                if (task.key().equals("resolve-publication")) {
                    String url = (String) values.get("url");
                    if (url == null || url.isBlank()) {
                        throw new InvalidInput("url", "is required to record a post made by hand");
                    }
                    variables.put("url", url);
                } else {
                    publications.release(task.contentId(), task.platform(), actor);
                }
            }
            case "RESCHEDULE" -> {
                PublishTime time = schedules.publishTime(task.contentId(), (String) values.get("publishAt"),
                        (String) values.get("timeZone"));
                schedules.schedule(task.contentId(), time, actor);
                variables.put("publishAt", Date.from(time.instant()));
            }
            case "CANCEL" -> {
                // the model cancels the post on this platform
            }
            default -> throw new InvalidInput("action", "is not a known action");
        }
        return variables;
    }
}
