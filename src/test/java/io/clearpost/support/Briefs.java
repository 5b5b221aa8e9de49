package io.clearpost.support;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Bodies of {@code POST /api/briefs} as plain mutable maps, so a test can break exactly one field.
 * Publish windows lie in the future: now+10 days to now+20 days.
 */
public final class Briefs {

    private Briefs() {
    }

    public static Map<String, Object> request(String brand, String category, List<String> platforms, String creative) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("brand", brand);
        body.put("title", "Spring savings push " + UUID.randomUUID().toString().substring(0, 8));
        body.put("objective", "Grow savings account sign-ups");
        body.put("audience", "Young professionals");
        body.put("keyMessages", new ArrayList<>(List.of("Save a little every month")));
        body.put("mandatoryMentions", new ArrayList<>());
        body.put("category", category);
        List<Map<String, Object>> deliverables = new ArrayList<>();
        deliverables.add(deliverable(platforms, creative));
        body.put("deliverables", deliverables);
        return body;
    }

    public static Map<String, Object> deliverable(List<String> platforms, String creative) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("platforms", new ArrayList<>(platforms));
        d.put("publishAfter", inDays(10).toString());
        d.put("publishBefore", inDays(20).toString());
        if (creative != null) {
            d.put("creative", creative);
        }
        return d;
    }

    /** The n-th deliverable of a request body, to change it in place. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> deliverable(Map<String, Object> body, int index) {
        return ((List<Map<String, Object>>) body.get("deliverables")).get(index);
    }

    @SuppressWarnings("unchecked")
    public static void addDeliverable(Map<String, Object> body, List<String> platforms, String creative) {
        ((List<Map<String, Object>>) body.get("deliverables")).add(deliverable(platforms, creative));
    }

    /** Opens the publish window of a deliverable now (it already began an hour ago), so it can go out in seconds. */
    public static Map<String, Object> openNow(Map<String, Object> body) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> deliverables = (List<Map<String, Object>>) body.get("deliverables");
        deliverables.forEach(d -> d.put("publishAfter", OffsetDateTime.now(ZoneOffset.ofHours(1)).minusHours(1)
                .truncatedTo(ChronoUnit.SECONDS).toString()));
        return body;
    }

    /** A whole second in the future, with an explicit offset as the API requires. */
    public static OffsetDateTime inDays(long days) {
        return OffsetDateTime.now(ZoneOffset.ofHours(1)).plusDays(days).truncatedTo(ChronoUnit.SECONDS);
    }
}
