package io.clearpost.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit export read back as an auditor's tool would, offline: its CSV or JSON Lines as rows of text
 * (an empty or null field is a null), and the hash chain recomputed from the exported fields alone.
 */
public final class AuditExportRows {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditExportRows() {
    }

    /** RFC 4180 read back with Jackson's CSV reader. */
    public static List<Map<String, String>> csv(String text) {
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(text)) {
            List<Map<String, String>> rows = new ArrayList<>();
            it.forEachRemaining(row -> {
                Map<String, String> r = new LinkedHashMap<>();
                row.forEach((k, v) -> r.put(k, v == null || v.isEmpty() ? null : v));
                rows.add(r);
            });
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One JSON object per line, every value as text (null stays null). */
    public static List<Map<String, String>> jsonl(String text) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            try {
                JsonNode node = JSON.readTree(line);
                assertThat(node.isObject()).as(line).isTrue();
                Map<String, String> r = new LinkedHashMap<>();
                node.fields().forEachRemaining(f -> r.put(f.getKey(), f.getValue().isNull() ? null : f.getValue().asText()));
                rows.add(r);
            } catch (IOException e) {
                throw new UncheckedIOException("not a JSON line: " + line, e);
            }
        }
        return rows;
    }

    /** Each row's hash is SHA-256(prevHash + canonical JSON of its fields), and links to the row before it. */
    public static void assertChainHolds(List<Map<String, String>> rows, String firstPrevHash) {
        String prev = firstPrevHash;
        for (Map<String, String> r : rows) {
            Map<String, Object> hashed = new LinkedHashMap<>();
            hashed.put("brand", r.get("brand"));
            hashed.put("seq", Long.parseLong(r.get("sequence")));
            hashed.put("type", r.get("type"));
            hashed.put("actor", r.get("actor"));
            hashed.put("at", r.get("at"));
            hashed.put("briefId", r.get("briefId"));
            hashed.put("contentId", r.get("contentId"));
            hashed.put("payload", r.get("payload"));
            assertThat(r.get("prevHash")).as("link of event %s", r.get("sequence")).isEqualTo(prev);
            assertThat(r.get("hash")).as("hash of event %s", r.get("sequence"))
                    .isEqualTo(CanonicalJson.sha256Hex(r.get("prevHash") + CanonicalJson.of(hashed)));
            prev = r.get("hash");
        }
    }
}
