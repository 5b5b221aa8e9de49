package io.clearpost.schedule;

import io.clearpost.tenancy.CurrentUser;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/content/{id}")
class ScheduleController {

    private final ScheduleService schedules;

    ScheduleController(ScheduleService schedules) {
        this.schedules = schedules;
    }

    record Reschedule(@NotBlank @Size(max = 64) String publishAt, @Size(max = 64) String timeZone) {
    }

    @PostMapping("/reschedule")
    ResponseEntity<Void> reschedule(@AuthenticationPrincipal CurrentUser user, @PathVariable String id,
                                    @Valid @RequestBody Reschedule body) {
        schedules.reschedule(user, id, body.publishAt(), body.timeZone());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/cancel")
    ResponseEntity<Void> cancel(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        schedules.cancel(user, id);
        return ResponseEntity.noContent().build();
    }
}
