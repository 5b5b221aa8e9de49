package io.clearpost.schedule;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import io.clearpost.support.InvalidInput;
import org.operaton.bpm.engine.runtime.EventSubscription;
import io.clearpost.engine.EngineClock;
import io.clearpost.support.Conflict;
import io.clearpost.content.ContentItem;
import io.clearpost.content.ContentService;
import io.clearpost.content.ContentStatus;
import io.clearpost.tenancy.BrandRepository;
import io.clearpost.tenancy.CurrentUser;
import io.clearpost.tenancy.Role;
import org.operaton.bpm.engine.RuntimeService;
import org.operaton.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Sets, moves and cancels publish times, and tells a waiting publication process about it. */
@Service
public class ScheduleService {

    static final String PUBLICATION = "publication";
    private static final Set<ContentStatus> MOVABLE = Set.of(ContentStatus.SCHEDULED, ContentStatus.HELD,
            ContentStatus.FAILED);

    private final ContentService content;
    private final BrandRepository brands;
    private final RuntimeService runtime;

    ScheduleService(ContentService content, BrandRepository brands, RuntimeService runtime) {
        this.content = content;
        this.brands = brands;
        this.runtime = runtime;
    }

    /** Parses and validates a publish time given for a content item (400 naming the field otherwise). */
    public PublishTime publishTime(String contentId, String publishAt, String timeZone) {
        ContentItem item = content.find(contentId);
        return PublishTime.parse(publishAt, timeZone, brands.findById(item.brand()).orElseThrow().zone(), item,
                EngineClock.now());
    }

    @Transactional
    public void schedule(String contentId, PublishTime time, String actor) {
        content.schedule(contentId, time.instant(), time.zone(), actor);
    }

    /** POST /api/content/{id}/reschedule: moves a scheduled, held or failed post; published posts stay (409). */
    @Transactional
    public void reschedule(CurrentUser user, String contentId, String publishAt, String timeZone) {
        ContentItem item = readable(user, contentId);
        if (!MOVABLE.contains(item.status())) {
            throw new Conflict("content " + contentId + " is " + item.status() + "; only scheduled, held or "
                    + "failed posts can be rescheduled");
        }
        PublishTime time = publishTime(contentId, publishAt, timeZone);
        content.schedule(contentId, time.instant(), time.zone(), user.id());
        publicationOf(contentId).ifPresent(instance -> {
            runtime.setVariable(instance.getId(), "publishAt", Date.from(time.instant()));
            runtime.createMessageCorrelation("PostRescheduled").processInstanceId(instance.getId()).correlateAll();
        });
    }

    /** extend-window: a new end of the window of an expired deliverable, after its start and in the future. */
    @Transactional
    public Instant extendWindow(String contentId, String publishBefore, String actor) {
        ContentItem item = content.find(contentId);
        if (publishBefore == null || publishBefore.isBlank()) {
            throw new InvalidInput("publishBefore", "is required to extend the window");
        }
        Instant end;
        try {
            end = OffsetDateTime.parse(publishBefore).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInput("publishBefore", "must be ISO-8601 with an offset, e.g. 2026-12-31T18:00:00+01:00");
        }
        if (!end.isAfter(EngineClock.now())) {
            throw new InvalidInput("publishBefore", "must be in the future");
        }
        if (!end.isAfter(item.publishAfter()) || end.isAfter(EngineClock.now().plus(Duration.ofDays(3660)))) {
            throw new InvalidInput("publishBefore", "must lie after the window's start "
                    + item.publishAfter() + " and within ten years");
        }
        content.extendWindow(contentId, end, actor);
        return end;
    }

    /**
     * POST /api/content/{id}/cancel: withdraws a deliverable in any state before it is published. During
     * publication, publication.bpmn cancels its open posts; before, brief.bpmn ends whatever task is open
     * for it (creation, review, scheduling, an expired window) and cancels it.
     */
    @Transactional
    public void cancel(CurrentUser user, String contentId) {
        ContentItem item = readable(user, contentId);
        if (item.status() == ContentStatus.PUBLISHED || item.status() == ContentStatus.CANCELLED) {
            throw new Conflict("content " + contentId + " is already " + item.status());
        }
        Optional<ProcessInstance> publication = publicationOf(contentId);
        if (publication.isPresent()) {
            runtime.createMessageCorrelation("DeliverableCancelled").processInstanceId(publication.get().getId())
                    .setVariables(Map.of("cancelledBy", user.id()))
                    .correlateWithResult();
            return;
        }
        EventSubscription withdrawal = runtime.createEventSubscriptionQuery()
                .eventType("message").eventName("DeliverableWithdrawn").tenantIdIn(item.brand()).list().stream()
                .filter(s -> contentId.equals(runtime.getVariable(s.getExecutionId(), "contentId")))
                .findFirst()
                .orElseThrow(() -> new Conflict("content " + contentId + " is " + item.status()
                        + " and its brief awaits sign-off; decline the brief there instead"));
        runtime.messageEventReceived("DeliverableWithdrawn", withdrawal.getExecutionId(),
                Map.of("cancelledBy", user.id()));
    }

    private ContentItem readable(CurrentUser user, String contentId) {
        ContentItem item = content.find(contentId);
        user.requireRole(item.brand(), "content " + contentId, true, Role.STRATEGIST, Role.BRAND_MANAGER);
        return item;
    }

    private Optional<ProcessInstance> publicationOf(String contentId) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(PUBLICATION)
                .variableValueEquals("contentId", contentId).list().stream().findFirst();
    }
}
