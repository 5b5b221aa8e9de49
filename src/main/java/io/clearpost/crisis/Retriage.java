package io.clearpost.crisis;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of POST /api/crises/{id}/severity. */
public record Retriage(@NotNull @Min(1) @Max(4) Integer severity, @Size(max = 5_000) String comment) {
}
