package io.clearpost.support;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Media for the platforms that publish nothing without them (Instagram, TikTok, Pinterest and
 * YouTube, see {@link io.clearpost.publish.Platform}), and the privacy TikTok and YouTube require a person
 * to choose for every post, as create-content form values.
 */
public final class TestMedia {

    private static final Set<String> NEED_MEDIA = Set.of("instagram", "tiktok", "pinterest", "youtube");
    private static final Set<String> VIDEO_ONLY = Set.of("youtube");

    private TestMedia() {
    }

    /** The create-content value of one variant: the text, and a medium where the platform needs one. */
    public static Map<String, Object> variant(String platform, String text) {
        if (!NEED_MEDIA.contains(platform)) {
            return Map.of("text", text);
        }
        Map<String, Object> variant = new java.util.LinkedHashMap<>(Map.of("text", text, "media", List.of(VIDEO_ONLY.contains(platform)
                ? Map.of("url", "https://cdn.nova.example/spring.mp4", "sha256", "b".repeat(64), "type", "video/mp4")
                : Map.of("url", "https://cdn.nova.example/granola.jpg", "sha256", "a".repeat(64), "type", "image/jpeg"))));
        // the per-post choices TikTok and YouTube require
        if (platform.equals("tiktok")) {
            variant.put("privacy", "SELF_ONLY");
        } else if (platform.equals("youtube")) {
            variant.put("privacy", "public");
        }
        return variant;
    }
}
