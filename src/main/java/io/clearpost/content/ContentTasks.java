package io.clearpost.content;

import io.clearpost.support.InvalidInput;
import io.clearpost.support.FieldError;
import io.clearpost.content.Platform;
import io.clearpost.task.TaskCompletion;
import io.clearpost.task.TaskRef;
import io.clearpost.tenancy.Role;
import io.clearpost.tenancy.Users;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The content tasks: the creative's revision (create-content), the reviews that judge one
 * revision hash (review-content and the three legal-validation reviews), and assign-creative.
 */
@Component
class ContentTasks implements TaskCompletion {

    static final Set<String> REVIEWS = Set.of("review-content", "legal-review", "compliance-review", "client-approval");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Set<String> MEDIA_TYPES = Platform.mediaTypes();
    /** Facebook's limit, the longest text any platform publishes (DESIGN.md §9). */
    static final int MAX_TEXT = 63_206;
    static final int MAX_URL = 2_000;

    private final ContentService content;
    private final Users users;

    ContentTasks(ContentService content, Users users) {
        this.content = content;
        this.users = users;
    }

    @Override
    public Set<String> taskKeys() {
        Set<String> keys = new java.util.HashSet<>(REVIEWS);
        keys.add("create-content");
        keys.add("assign-creative");
        return keys;
    }

    @Override
    public Map<String, Object> complete(TaskRef task, Map<String, Object> values) {
        String actor = task.user().id();
        switch (task.key()) {
            case "create-content" -> {
                ContentItem item = content.load(task.contentId());
                Map<String, Variant> variants = variants(values.get("variants"), item.platforms());
                content.change(task.contentId(), it -> it.submitRevision(variants, actor, ContentService.now()));
                return Map.of();
            }
            case "assign-creative" -> {
                String creative = (String) values.get("creative");
                if (!users.hasRole(creative, task.brand(), Role.CREATIVE)) {
                    throw new InvalidInput("creative", "is not a creative of " + task.brand());
                }
                content.change(task.contentId(), it -> it.assignCreative(creative, actor));
                return Map.of("creative", creative);
            }
            default -> {
                Verdict verdict = Verdict.valueOf((String) values.get("decision"));
                String comment = (String) values.get("comment");
                String hash = (String) values.get("revisionHash");
                content.change(task.contentId(),
                        it -> it.decide(task.key(), actor, verdict, comment, hash, ContentService.now()));
                return Map.of("decision", verdict.name());
            }
        }
    }

    /** The create-content form's {@code variants}: one entry per target platform, each with its text. */
    static Map<String, Variant> variants(Object value, List<String> platforms) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, Variant> variants = new TreeMap<>();
        Map<?, ?> given = value instanceof Map<?, ?> m ? m : Map.of();
        for (String platform : platforms) {
            if (!given.containsKey(platform)) {
                errors.add(new FieldError("variants." + platform, "is required for a target platform"));
            }
        }
        given.forEach((key, raw) -> {
            String field = "variants." + key;
            if (!platforms.contains(key)) {
                errors.add(new FieldError(field, Platform.ofKey(String.valueOf(key)).isPresent()
                        ? "is not a target platform of this content" : "is not a known platform"));
                return;
            }
            if (!(raw instanceof Map<?, ?> v)) {
                errors.add(new FieldError(field, "must be an object"));
                return;
            }
            Set<String> choices = Variant.CHOICES.getOrDefault((String) key, Set.of());
            for (Object k : v.keySet()) {
                if (!Set.of("text", "media", "link").contains(k) && !choices.contains(k)) {
                    errors.add(new FieldError(field + "." + k, Variant.CHOICES.values().stream()
                            .anyMatch(c -> c.contains(k)) ? "is not chosen on " + key : "unknown field"));
                }
            }
            if (!(v.get("text") instanceof String text) || text.isBlank()) {
                errors.add(new FieldError(field + ".text", "is required"));
                return;
            }
            if (text.length() > MAX_TEXT) {
                errors.add(new FieldError(field + ".text", "must be at most " + MAX_TEXT
                        + " characters (the longest text any platform takes)"));
                return;
            }
            Object link = v.get("link");
            if (link != null && !(link instanceof String l && httpUrl(l))) {
                errors.add(new FieldError(field + ".link", "must be an http(s) URL of at most " + MAX_URL
                        + " characters"));
                return;
            }
            List<Variant.Media> media = media(v.get("media"), field + ".media", errors);
            variants.put((String) key, switch ((String) key) {
                case "tiktok" -> new Variant(text, media, (String) link,
                        privacy(v.get("privacy"), Variant.TIKTOK_PRIVACY, field, errors),
                        flag(v.get("disableComment"), field + ".disableComment", errors),
                        flag(v.get("disableDuet"), field + ".disableDuet", errors),
                        flag(v.get("disableStitch"), field + ".disableStitch", errors));
                case "youtube" -> new Variant(text, media, (String) link,
                        privacy(v.get("privacy"), Variant.YOUTUBE_PRIVACY, field, errors), null, null, null);
                default -> new Variant(text, media, (String) link);
            });
        });
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return variants;
    }

    /** A privacy choice the platform requires for every post: one of its values, no default. */
    private static String privacy(Object raw, List<String> allowed, String field, List<FieldError> errors) {
        if (raw instanceof String s && allowed.contains(s)) {
            return s;
        }
        errors.add(new FieldError(field + ".privacy", raw == null ? "is required: choose one of "
                + String.join(", ", allowed) : "must be one of " + String.join(", ", allowed)));
        return null;
    }

    /** An interaction setting: true turns it off; left out, it stays on (false). */
    private static Boolean flag(Object raw, String field, List<FieldError> errors) {
        if (raw == null) {
            return false;
        }
        if (raw instanceof Boolean b) {
            return b;
        }
        errors.add(new FieldError(field, "must be true or false"));
        return null;
    }

    /** An absolute http(s) URL with a host, no user info, no whitespace. */
    static boolean httpUrl(String value) {
        if (value.length() > MAX_URL || !(value.startsWith("https://") || value.startsWith("http://"))) {
            return false;
        }
        try {
            java.net.URI uri = new java.net.URI(value);
            return uri.getHost() != null && uri.getRawUserInfo() == null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static List<Variant.Media> media(Object raw, String field, List<FieldError> errors) {
        if (raw == null) {
            return null;
        }
        if (!(raw instanceof List<?> list)) {
            errors.add(new FieldError(field, "must be an array"));
            return null;
        }
        if (list.size() > 20) {
            errors.add(new FieldError(field, "must have at most 20 items"));
            return null;
        }
        List<Variant.Media> media = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = field + "[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> m)) {
                errors.add(new FieldError(at, "must be an object"));
                continue;
            }
            if (!(m.get("url") instanceof String url) || !httpUrl(url)) {
                errors.add(new FieldError(at + ".url", "must be an http(s) URL of at most " + MAX_URL + " characters"));
                continue;
            }
            if (!(m.get("sha256") instanceof String sha) || !SHA256.matcher(sha).matches()) {
                errors.add(new FieldError(at + ".sha256", "must be the SHA-256 of the media, 64 lowercase hex digits"));
                continue;
            }
            if (!(m.get("type") instanceof String type) || !MEDIA_TYPES.contains(type)) {
                errors.add(new FieldError(at + ".type", "must be one of " + MEDIA_TYPES.stream().sorted().toList()));
                continue;
            }
            media.add(new Variant.Media(url, sha, type));
        }
        return media;
    }
}
