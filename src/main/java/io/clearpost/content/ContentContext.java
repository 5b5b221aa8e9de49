package io.clearpost.content;

import io.clearpost.task.TaskContextSource;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import io.clearpost.support.CanonicalJson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
            // under its own key: a top-level publishBefore would fill extend-window's field of that name
            Map<String, Object> window = new LinkedHashMap<>();
            window.put("publishAfter", view.publishAfter());
            window.put("publishBefore", view.publishBefore());
            context.put("window", window);
            context.put("currentRevision", view.currentRevision());
            ContentView.RevisionView current = view.currentRevision();
            if (current != null) {
                // the forms' data: the review forms' hash field, the draft create-content starts from, and
                // each platform's variant as a list the review forms show one by one
                context.put("revisionHash", current.hash());
                context.put("variants", current.variants());
                context.put("currentVariants", variantList(current.variants(), view.platforms()));
            }
            context.put("decisions", view.decisions());
            context.put("violations", view.violations());
            context.put("requiredReviews", view.requiredReviews());
            context.put("schedule", view.schedule());
            context.put("publications", view.publications());
            return context;
        }).orElse(Map.of());
    }

    /** {@code {x: {text, …}}} as {@code [{platform: "x", text, …}]}, in the content's platform order. */
    private static List<Map<String, Object>> variantList(JsonNode variants, List<String> platforms) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (String platform : platforms) {
            JsonNode variant = variants == null ? null : variants.get(platform);
            if (variant == null) {
                continue;
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("platform", platform);
            entry.putAll(CanonicalJson.mapper().convertValue(variant, Map.class));
            list.add(entry);
        }
        return list;
    }
}
