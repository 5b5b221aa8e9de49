package io.clearpost.task;

import java.util.Map;

/** Contributes what a person needs to act on a task (brief, current revision, decisions…) to its {@code context}. */
public interface TaskContextSource {

    Map<String, Object> contextFor(String briefId, String contentId);

    /** The context of a task of a process that names a crisis (crisis-escalation.bpmn); by default its brief and content. */
    default Map<String, Object> contextFor(String briefId, String contentId, String crisisId) {
        return contextFor(briefId, contentId);
    }
}
