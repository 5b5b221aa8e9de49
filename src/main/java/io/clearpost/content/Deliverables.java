package io.clearpost.content;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/**
 * What brief.bpmn asks about a brief's deliverables: {@code ${deliverables.of(briefId)}} (the content ids,
 * one multi-instance per deliverable) and {@code ${deliverables.creative(contentId)}}. The model reads them
 * from the content items, so no list or map is stored as a process variable.
 */
@Component("deliverables")
public class Deliverables {

    private final ContentRepository items;

    Deliverables(ContentRepository items) {
        this.items = items;
    }

    @Transactional(readOnly = true)
    public List<String> of(String briefId) {
        return items.findByBriefIdOrderByPosition(briefId).stream().map(ContentItem::id).toList();
    }

    /** The creative the brief named for the deliverable, or null when the strategist must assign one. */
    @Transactional(readOnly = true)
    public String creative(String contentId) {
        return items.findById(contentId).map(ContentItem::creative).orElse(null);
    }
}
