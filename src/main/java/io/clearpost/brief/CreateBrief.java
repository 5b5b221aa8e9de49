package io.clearpost.brief;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.OffsetDateTime;
import java.util.List;

/** Body of POST /api/briefs. */
public record CreateBrief(
        @NotBlank @Size(max = 64) String brand,
        @NotBlank @Size(max = 300) String title,
        @NotBlank @Size(max = 10_000) String objective,
        @NotBlank @Size(max = 10_000) String audience,
        @NotNull @Size(max = 50) List<@NotBlank @Size(max = 2_000) String> keyMessages,
        @Size(max = 50) List<@NotBlank @Size(max = 500) String> mandatoryMentions,
        @NotBlank String category,
        @NotEmpty @Size(max = 50) List<@NotNull @Valid Deliverable> deliverables) {

    public record Deliverable(
            @NotEmpty @Size(max = 10) List<@NotBlank String> platforms,
            @NotNull OffsetDateTime publishAfter,
            @NotNull OffsetDateTime publishBefore,
            OffsetDateTime plannedAt,
            @Size(max = 64) String creative) {
    }
}
