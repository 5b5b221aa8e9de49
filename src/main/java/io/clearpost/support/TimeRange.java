package io.clearpost.support;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * A half-open range [from, to) given as two ISO-8601 query parameters with offsets, as the reports and
 * the export take it. Parsing refuses, naming the parameter, a missing offset, a bad time or an empty range.
 */
public record TimeRange(OffsetDateTime from, OffsetDateTime to) {

    public static TimeRange parse(String from, String to) {
        OffsetDateTime start = time("from", from);
        OffsetDateTime end = time("to", to);
        if (!end.isAfter(start)) {
            throw new InvalidInput("to", "must be after from");
        }
        return new TimeRange(start, end);
    }

    public Instant start() {
        return from.toInstant();
    }

    public Instant end() {
        return to.toInstant();
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(start()) && instant.isBefore(end());
    }

    private static OffsetDateTime time(String field, String value) {
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, "must be an ISO-8601 date-time with offset, e.g. 2026-12-01T00:00:00+01:00");
        }
    }
}
