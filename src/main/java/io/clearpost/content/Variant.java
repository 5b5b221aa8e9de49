package io.clearpost.content;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** What goes out on one platform: the text, optional media with their checksums, an optional link. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Variant(String text, List<Media> media, String link) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Media(String url, String sha256, String type) {
    }
}
