package io.clearpost.schedule;

import io.clearpost.support.InvalidInput;
import io.clearpost.support.FieldError;
import io.clearpost.content.ContentItem;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * A publish time as a person gives it: ISO-8601 with an offset, or a local time with an IANA zone
 * (the brand's zone when none is given). Both the instant and the zone are kept.
 */
public record PublishTime(Instant instant, ZoneId zone) {

    /**
     * Parses and checks a publish time for one content item: a known zone, a local time that exists
     * in it (not in a daylight-saving gap), in the future and inside the brief's window.
     */
    public static PublishTime parse(String publishAt, String timeZone, ZoneId brandZone, ContentItem item, Instant now) {
        ZoneId zone = brandZone;
        if (timeZone != null && !timeZone.isBlank()) {
            if (!ZoneId.getAvailableZoneIds().contains(timeZone)) {
                throw new InvalidInput("timeZone", "is not a known IANA time zone, e.g. Europe/Paris");
            }
            zone = ZoneId.of(timeZone);
        }
        if (publishAt == null || publishAt.isBlank()) {
            throw new InvalidInput("publishAt", "is required");
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(publishAt).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            LocalDateTime local;
            try {
                local = LocalDateTime.parse(publishAt);
            } catch (DateTimeParseException e) {
                throw new InvalidInput("publishAt",
                        "must be ISO-8601 with an offset (2026-12-01T09:00:00+01:00) or a local time (2026-12-01T09:00)");
            }
            if (zone.getRules().getValidOffsets(local).isEmpty()) {
                throw new InvalidInput("publishAt", local + " does not exist in " + zone
                        + " (the clocks skip it for daylight saving time)");
            }
            try {
                instant = local.atZone(zone).toInstant();
            } catch (DateTimeException e) {
                throw new InvalidInput("publishAt", "is not a valid time in " + zone);
            }
        }
        if (!instant.isAfter(now)) {
            throw new InvalidInput("publishAt", "must be in the future");
        }
        if (instant.isBefore(item.publishAfter()) || instant.isAfter(item.publishBefore())) {
            throw new InvalidInput(List.of(new FieldError("publishAt", "must lie inside the publish window "
                    + item.publishAfter().atZone(zone).toOffsetDateTime() + " to "
                    + item.publishBefore().atZone(zone).toOffsetDateTime())));
        }
        return new PublishTime(instant, zone);
    }
}
