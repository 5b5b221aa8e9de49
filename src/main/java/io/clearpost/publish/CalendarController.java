package io.clearpost.publish;

import java.util.Map;
import java.util.stream.Collectors;
import io.clearpost.support.InvalidInput;
import io.clearpost.support.TimeRange;
import io.clearpost.content.ContentItem;
import io.clearpost.content.ContentService;
import io.clearpost.content.ContentStatus;
import io.clearpost.tenancy.CurrentUser;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * GET /api/calendar: scheduled, held and published posts of a brand in a time range, one entry per
 * platform, at the local time of the zone they were scheduled in; as iCalendar for calendar clients.
 */
@RestController
@RequestMapping("/api/calendar")
class CalendarController {

    static final MediaType TEXT_CALENDAR = MediaType.parseMediaType("text/calendar");
    private static final Set<ContentStatus> ON_CALENDAR = Set.of(ContentStatus.SCHEDULED, ContentStatus.HELD,
            ContentStatus.PUBLISHED, ContentStatus.FAILED);
    private static final Duration MAX_RANGE = Duration.ofDays(366);

    private final ContentService content;
    private final Publications publications;

    CalendarController(ContentService content, Publications publications) {
        this.content = content;
        this.publications = publications;
    }

    record Entry(String contentId, String briefId, String platform, String status, OffsetDateTime publishAt,
                 String timeZone, LocalDateTime localTime, String text, String postId, String url) {
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    List<Entry> json(@AuthenticationPrincipal CurrentUser user, @RequestParam String brand, @RequestParam String from,
                     @RequestParam String to) {
        return entries(user, brand, from, to);
    }

    @GetMapping(produces = "text/calendar")
    ResponseEntity<byte[]> ical(@AuthenticationPrincipal CurrentUser user, @RequestParam String brand,
                                @RequestParam String from, @RequestParam String to) throws IOException {
        Calendar calendar = new Calendar();
        calendar.add(new ProdId("-//Clearpost//Editorial calendar//EN"));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        for (Entry entry : entries(user, brand, from, to)) {
            VEvent event = new VEvent(entry.publishAt().toInstant(), Duration.ofMinutes(15),
                    "[" + entry.platform() + "] " + entry.status() + ": " + summary(entry.text()));
            event.add(new Uid(entry.contentId() + "-" + entry.platform() + "@clearpost"));
            event.add(new Description(entry.text() + "\n\nLocal time: " + entry.localTime() + " " + entry.timeZone()));
            if (entry.url() != null) {
                event.add(new Url(URI.create(entry.url())));
            }
            calendar.add(event);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CalendarOutputter(false).output(calendar, out);
        return ResponseEntity.ok().contentType(new MediaType("text", "calendar", StandardCharsets.UTF_8))
                .body(out.toByteArray());
    }

    private List<Entry> entries(CurrentUser user, String brand, String from, String to) {
        TimeRange range = TimeRange.parse(from, to);
        Instant start = range.start();
        Instant end = range.end();
        if (Duration.between(start, end).compareTo(MAX_RANGE) > 0) {
            throw new InvalidInput("to", "the range may span at most 366 days");
        }
        List<Entry> entries = new ArrayList<>();
        for (ContentItem item : content.scheduled(user, brand, start, end)) {
            if (!ON_CALENDAR.contains(item.status())) {
                continue;
            }
            OffsetDateTime at = item.publishAt().atZone(item.zone()).toOffsetDateTime();
            Map<String, Publication> posts = publications.ofContent(item.id()).stream()
                    .collect(Collectors.toMap(Publication::platform, p -> p));
            for (String platform : item.platforms()) {
                Publication p = posts.get(platform);
                if (p != null && p.status() == PublicationStatus.CANCELLED) {
                    continue;
                }
                // a publication waiting for its time is, on a calendar, simply scheduled
                String status = p == null || p.status() == PublicationStatus.PENDING ? ContentStatus.SCHEDULED.name()
                        : p.status().name();
                entries.add(new Entry(item.id(), item.briefId(), platform, status, at, item.zone().getId(),
                        at.toLocalDateTime(), text(item, platform), p == null ? null : p.postId(),
                        p == null ? null : p.url()));
            }
        }
        return entries;
    }

    private static String text(ContentItem item, String platform) {
        var variant = item.currentRevision().orElseThrow().variants().get(platform);
        return variant == null ? "" : variant.text();
    }

    private static String summary(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
