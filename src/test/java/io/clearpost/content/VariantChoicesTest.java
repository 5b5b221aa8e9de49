package io.clearpost.content;

import io.clearpost.support.CanonicalJson;
import io.clearpost.support.FieldError;
import io.clearpost.support.InvalidInput;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The per-post choices TikTok and YouTube require ({@link Variant#privacy()} and TikTok's interaction
 * settings), as the create-content completion reads them ({@link ContentTasks#variants}).
 */
class VariantChoicesTest {

    private static final Map<String, Object> VIDEO = Map.of("url", "https://cdn.example/a.mp4", "sha256", "d".repeat(64),
            "type", "video/mp4");

    @Test
    void youTubePrivacyIsChosenFromItsThreeValues() {
        Map<String, Variant> variants = ContentTasks.variants(Map.of("youtube",
                Map.of("text", "Launch", "media", List.of(VIDEO), "privacy", "unlisted")), List.of("youtube"));

        assertThat(variants.get("youtube").privacy()).isEqualTo("unlisted");
        assertThat(variants.get("youtube").disableComment()).isNull();
        assertThat(refused(Map.of("youtube", Map.of("text", "Launch", "media", List.of(VIDEO))), "youtube"))
                .containsExactly(new FieldError("variants.youtube.privacy", "is required: choose one of public, unlisted, private"));
        assertThat(refused(Map.of("youtube", Map.of("text", "Launch", "media", List.of(VIDEO), "privacy", "PUBLIC")), "youtube"))
                .containsExactly(new FieldError("variants.youtube.privacy", "must be one of public, unlisted, private"));
        assertThat(refused(Map.of("youtube", Map.of("text", "Launch", "media", List.of(VIDEO), "privacy", "public",
                "disableComment", true)), "youtube"))
                .containsExactly(new FieldError("variants.youtube.disableComment", "is not chosen on youtube"));
    }

    @Test
    void tikTokInteractionsLeftOutStayOnAndMustBeBooleans() {
        Map<String, Variant> variants = ContentTasks.variants(Map.of("tiktok",
                Map.of("text", "Granola", "media", List.of(VIDEO), "privacy", "FOLLOWER_OF_CREATOR", "disableStitch", true)),
                List.of("tiktok"));

        assertThat(variants.get("tiktok")).isEqualTo(new Variant("Granola", List.of(new Variant.Media(
                "https://cdn.example/a.mp4", "d".repeat(64), "video/mp4")), null, "FOLLOWER_OF_CREATOR", false, false, true));
        assertThat(refused(Map.of("tiktok", Map.of("text", "Granola", "media", List.of(VIDEO), "privacy", "SELF_ONLY",
                "disableDuet", "yes")), "tiktok"))
                .containsExactly(new FieldError("variants.tiktok.disableDuet", "must be true or false"));
    }

    @Test
    void otherPlatformsTakeNoChoicesAndKeepTheirCanonicalJson() {
        assertThat(refused(Map.of("x", Map.of("text", "hi", "privacy", "public")), "x"))
                .containsExactly(new FieldError("variants.x.privacy", "is not chosen on x"));
        assertThat(CanonicalJson.of(Map.of("variants", ContentTasks.variants(Map.of("x", Map.of("text", "hi")), List.of("x")))))
                .as("a variant without choices serialises as before they existed")
                .isEqualTo("{\"variants\":{\"x\":{\"text\":\"hi\"}}}");
    }

    private static List<FieldError> refused(Map<String, Object> value, String platform) {
        Throwable[] thrown = new Throwable[1];
        assertThatThrownBy(() -> ContentTasks.variants(value, List.of(platform)))
                .isInstanceOfSatisfying(InvalidInput.class, e -> thrown[0] = e);
        return ((InvalidInput) thrown[0]).errors();
    }
}
