package io.clearpost.audit;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * GET /api/audit/export: a brand's events in a time range, as CSV (RFC 4180, header row, CRLF) or JSON
 * Lines, read and written page by page. Each row holds exactly what {@link AuditLog#hashOf} hashes, with
 * {@code at} as the same ISO-8601 UTC text and {@code payload} as the same canonical JSON text, so an
 * auditor can recompute every hash and link offline. An empty CSV field is a null (ids are never empty).
 */
@Component
class AuditExport {

    static final int PAGE_SIZE = 500;

    enum Format {
        CSV("csv", new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8)),
        JSONL("jsonl", MediaType.parseMediaType("application/x-ndjson"));

        final String extension;
        final MediaType mediaType;

        Format(String extension, MediaType mediaType) {
            this.extension = extension;
            this.mediaType = mediaType;
        }

        static Optional<Format> of(String extension) {
            return Arrays.stream(values()).filter(f -> f.extension.equals(extension)).findFirst();
        }
    }

    /** One exported event; the column order of the CSV. */
    @JsonPropertyOrder({"brand", "sequence", "type", "actor", "at", "briefId", "contentId", "payload", "prevHash", "hash"})
    record Row(String brand, long sequence, String type, String actor, String at, String briefId, String contentId,
               String payload, String prevHash, String hash) {

        static Row of(AuditEvent e) {
            return new Row(e.brand(), e.seq(), e.type(), e.actor(), e.occurredAt().toString(), e.briefId(),
                    e.contentId(), e.payload(), e.prevHash(), e.hash());
        }
    }

    private static final CsvMapper CSV = CsvMapper.builder()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();
    private static final ObjectWriter CSV_WRITER = CSV.writerFor(Row.class)
            .with(CSV.schemaFor(Row.class).withHeader().withLineSeparator("\r\n"));
    private static final ObjectMapper JSON = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private final AuditLog audit;

    AuditExport(AuditLog audit) {
        this.audit = audit;
    }

    /** Writes the events with {@code at} in [from, to), in sequence order; a page at a time, flushed as it goes. */
    void write(String brand, Instant from, Instant to, Format format, OutputStream out) throws IOException {
        if (format == Format.CSV) {
            // the header row comes first, in an empty range too (Jackson writes it at the latest on close)
            try (SequenceWriter rows = CSV_WRITER.writeValues(out)) {
                eachPage(brand, from, to, page -> {
                    rows.writeAll(page);
                    rows.flush();
                });
            }
        } else {
            eachPage(brand, from, to, page -> {
                for (Row row : page) {
                    JSON.writeValue(out, row);
                    out.write('\n');
                }
                out.flush();
            });
        }
        out.flush();
    }

    private void eachPage(String brand, Instant from, Instant to, PageWriter writer) throws IOException {
        long after = 0;
        while (true) {
            List<AuditEvent> events = audit.page(brand, from, to, after, PAGE_SIZE);
            if (!events.isEmpty()) {
                writer.write(events.stream().map(Row::of).toList());
            }
            if (events.size() < PAGE_SIZE) {
                return;
            }
            after = events.get(events.size() - 1).seq();
        }
    }

    @FunctionalInterface
    private interface PageWriter {
        void write(List<Row> rows) throws IOException;
    }
}
