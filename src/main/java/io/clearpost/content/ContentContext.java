package io.clearpost.content;

import io.clearpost.task.TaskContextSource;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a creative or reviewer sees of the content in a task: the revision to judge, past decisions, findings. */
@Component
class ContentContext implements TaskContextSource {

    private final ContentRepository items;
    private final ContentService content;

    ContentContext(ContentRepository items, ContentService content) {
        this.items = items;
        this.content = content;
    }

    @Override
    public Map<String, Object> contextFor(String briefId, String contentId) {
        if (contentId == null) {
            return Map.of();
        }
        return items.findById(contentId).map(item -> {
            ContentView view = content.view(item);
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("platforms", view.platforms());
            context.put("status", view.status());
            context.put("currentRevision", view.currentRevision());
            context.put("decisions", view.decisions());
            context.put("violations", view.violations());
            context.put("requiredReviews", view.requiredReviews());
            context.put("schedule", view.schedule());
            context.put("publications", view.publications());
            return context;
        }).orElse(Map.of());
    }
}
