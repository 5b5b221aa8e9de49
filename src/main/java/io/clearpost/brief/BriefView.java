package io.clearpost.brief;

import io.clearpost.content.ContentItem;
import io.clearpost.content.ContentStatus;

import java.time.Instant;
import java.util.List;

/** A brief with its deliverables and their status. */
public record BriefView(String id, String brand, String title, String objective, String audience,
                        List<String> keyMessages, List<String> mandatoryMentions, String category, BriefStatus status,
                        String createdBy, Instant createdAt, List<DeliverableView> deliverables) {

    public record DeliverableView(String contentId, List<String> platforms, ContentStatus status, String creative,
                                  Instant publishAfter, Instant publishBefore, Instant plannedAt) {
    }

    static BriefView of(Brief brief, List<ContentItem> items) {
        return new BriefView(brief.id(), brief.brand(), brief.title(), brief.objective(), brief.audience(),
                brief.keyMessages(), brief.mandatoryMentions(), brief.category(), brief.status(), brief.createdBy(),
                brief.createdAt(), items.stream().map(i -> new DeliverableView(i.id(), i.platforms(), i.status(),
                        i.creative(), i.publishAfter(), i.publishBefore(), i.plannedAt())).toList());
    }
}
