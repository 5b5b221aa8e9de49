package io.clearpost.content;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What goes out on one platform: the text, optional media with their checksums, an optional link, and the
 * choices a platform requires a person to make for each post: {@code privacy} (TikTok's privacy level, one of
 * {@link #TIKTOK_PRIVACY}; YouTube's privacy status, one of {@link #YOUTUBE_PRIVACY}) and, on TikTok, whether
 * comments, duets and stitches are turned off. They are part of the revision's canonical JSON, so the approved
 * hash covers them; absent (null) on the other platforms, where they leave the canonical JSON as it was.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Variant(String text, List<Media> media, String link, String privacy, Boolean disableComment,
                      Boolean disableDuet, Boolean disableStitch) {

    /** TikTok's privacy levels (Content Posting API, {@code privacy_level}). */
    public static final List<String> TIKTOK_PRIVACY = List.of("PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS",
            "FOLLOWER_OF_CREATOR", "SELF_ONLY");
    /** YouTube's privacy statuses ({@code status.privacyStatus}). */
    public static final List<String> YOUTUBE_PRIVACY = List.of("public", "unlisted", "private");
    /** The per-post choices each platform takes beyond text, media and link. */
    public static final Map<String, Set<String>> CHOICES = Map.of(
            "tiktok", Set.of("privacy", "disableComment", "disableDuet", "disableStitch"),
            "youtube", Set.of("privacy"));

    /** A variant with no per-post platform choices. */
    public Variant(String text, List<Media> media, String link) {
        this(text, media, link, null, null, null, null);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Media(String url, String sha256, String type) {
    }
}
