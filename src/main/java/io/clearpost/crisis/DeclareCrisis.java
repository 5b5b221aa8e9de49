package io.clearpost.crisis;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Body of POST /api/crises (DESIGN.md §7). */
public record DeclareCrisis(
        @NotBlank @Size(max = 64) String brand,
        @NotBlank @Size(max = 5_000) String summary,
        @NotNull @Size(max = 50) List<@NotNull @Valid Signal> signals,
        @PositiveOrZero Long reach,
        @PositiveOrZero Long mentionsPerHour,
        @NotNull Boolean legalRisk,
        @NotNull Boolean safetyRisk,
        @NotNull Boolean pressCoverage,
        @NotEmpty @Size(max = 10) List<@NotBlank String> platforms) {

    /** Where the crisis shows: a post, an article, a thread. */
    public record Signal(@NotBlank @Size(max = 2_000) String url, @Size(max = 2_000) String note) {
    }
}
