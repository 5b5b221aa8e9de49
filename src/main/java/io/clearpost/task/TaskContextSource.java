package io.clearpost.task;

import java.util.Map;

/** Contributes what a person needs to act on a task (brief, current revision, decisions…) to its {@code context}. */
public interface TaskContextSource {

    Map<String, Object> contextFor(String briefId, String contentId);
}
